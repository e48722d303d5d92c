-- A02 证件号码为空、长度或字符非法（含被Excel截断）：A02子类 (prepare) 按 rules.md A02 的顺序取第一项；
-- 其他证件的行不判定（A02子类 为 NULL）。只报告原值，不做任何修正。
SELECT _row,
       CASE A02子类
            WHEN 1 THEN '子类(1) 证件号码为空'
            WHEN 2 THEN '子类(2) 科学计数法/数值存储截断，不可恢复：证件号码在Excel中被存为数值，后几位已丢失，须按证件原件重新录入'
            WHEN 3 THEN '子类(3) 被转成浮点数，不可恢复：证件号码带小数部分，须按证件原件重新录入'
            WHEN 4 THEN '子类(4) 15位旧号码，须换为18位'
            WHEN 5 THEN '子类(5) 长度或字符非法：' || CAST(LENGTH(证件号码) AS VARCHAR)
                        || '位，应为18位身份号码或20位残疾人证号（前17位为数字，第18位为数字或X）'
            ELSE '子类(6) 疑似被Excel 15位精度截断，不可恢复：第16位起全为0且校验位不符，须按证件原件重新录入'
       END AS 说明
FROM members
WHERE A02子类 IS NOT NULL
