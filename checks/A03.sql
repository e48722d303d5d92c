-- A03 残疾人证号不符合校验规则：未被 A02 标记、不是其他证件，且（证件类型 = 残疾人证 或 号码为 ID20）时判定，
-- (a) 残疾人证但号码不是 ID20；(b) ID20 第19位残疾类别 ∉ 1–7 或第20位残疾等级 ∉ 1–4；
-- (c) ID20 而证件类型明确填写为 身份证（为空不算）。前18位的校验位只由 A01 报告。
SELECT _row,
       CASE WHEN a = 0 AND c = 0 THEN '证件号码' ELSE '证件号码、证件类型' END AS 问题字段,
       SUBSTR(CASE WHEN a = 1 THEN '；证件类型为残疾人证，但证件号码不是20位残疾人证号（18位身份号码+残疾类别1位+残疾等级1位），现为'
                                   || CAST(LENGTH(证件号码) AS VARCHAR) || '位' ELSE '' END
              || CASE WHEN cat_bad = 1 THEN '；残疾人证号第19位（残疾类别）为' || SUBSTR(证件号码, 19, 1) || '，应为1–7'
                      ELSE '' END
              || CASE WHEN grade_bad = 1 THEN '；残疾人证号第20位（残疾等级）为' || SUBSTR(证件号码, 20, 1) || '，应为1–4'
                      ELSE '' END
              || CASE WHEN c = 1 THEN '；证件号码为20位残疾人证号，但证件类型填写为身份证' ELSE '' END, 2) AS 说明
FROM (
    SELECT _row, 证件号码,
           CASE WHEN 证件类型 = '残疾人证' AND 证件形式 <> 'ID20' THEN 1 ELSE 0 END AS a,
           CASE WHEN 证件形式 = 'ID20' AND SUBSTR(证件号码, 19, 1) NOT IN ('1', '2', '3', '4', '5', '6', '7')
                THEN 1 ELSE 0 END AS cat_bad,
           CASE WHEN 证件形式 = 'ID20' AND SUBSTR(证件号码, 20, 1) NOT IN ('1', '2', '3', '4') THEN 1 ELSE 0 END AS grade_bad,
           CASE WHEN 证件形式 = 'ID20' AND (SUBSTR(证件号码, 19, 1) NOT IN ('1', '2', '3', '4', '5', '6', '7')
                                             OR SUBSTR(证件号码, 20, 1) NOT IN ('1', '2', '3', '4')) THEN 1 ELSE 0 END AS b,
           CASE WHEN 证件形式 = 'ID20' AND 证件类型 = '身份证' THEN 1 ELSE 0 END AS c
    FROM members
    WHERE 证件号码缺陷 IS NULL AND 其他证件 = 0 AND (证件类型 = '残疾人证' OR 证件形式 = 'ID20')
) t
WHERE a = 1 OR b = 1 OR c = 1
