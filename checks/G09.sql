-- G09 因病风险但合规自付支出为零：未消除 且 R(户) 含 因病 且 户值(合规自付支出) 为空或数值 = 0 时标记。
-- 非数值（G03 报告）既不是空也不是 0，不标记。
SELECT _row, '合规自付支出' AS 问题字段,
       '风险类型含“因病”，但合规自付支出'
         || CASE WHEN 合规自付支出 IS NULL THEN '为空' ELSE '为 0' END AS 说明
FROM households
WHERE 未消除 = 1 AND 风险集合 LIKE '%,因病,%'
  AND (合规自付支出 IS NULL OR 数_合规自付支出 = 0)
