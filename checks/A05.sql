-- A05 出生日期与证件号码不一致：id_ok（且不是其他证件）、A04 未标记、出生日期非空时判定：
-- 出生日期无法按日期解析（子类：出生日期无法识别），或解析所得日期 ≠ 证件号码中的出生日期。出生日期为空不标记。
SELECT _row,
       CASE WHEN 日_出生日期 IS NULL
            THEN '出生日期无法识别：' || 出生日期 || ' 不是有效日期（应为 YYYYMMDD 或 YYYY-MM-DD），证件号码中的出生日期为 '
                 || ID生日
            ELSE '出生日期 ' || 出生日期 || ' 与证件号码中的出生日期 ' || ID生日 || ' 不一致' END AS 说明
FROM (
    SELECT _row, 出生日期, 日_出生日期, 证件出生日,
           CASE WHEN 证件形式 = 'ID15' THEN '19' || SUBSTR(证件号码, 7, 6) ELSE SUBSTR(证件号码, 7, 8) END AS ID生日
    FROM members
    WHERE 证件有效 = 1 AND 其他证件 = 0 AND 证件出生无效 = 0 AND 出生日期 IS NOT NULL
) t
WHERE 日_出生日期 IS NULL OR 日_出生日期 <> 证件出生日
