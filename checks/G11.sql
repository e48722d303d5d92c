-- G11 享受就业或公益岗位帮扶但无工资性收入：就业帮扶、公益岗位帮扶 两列都不存在时不执行（meta.any_of）。
-- （就业帮扶 或 公益岗位帮扶 在户内非空）时判定：已消除 且 导出含 风险消除后工资性收入 时取其户值，
-- 否则取 户值(工资性收入)；该值为数值且 = 0 时标记（为空不标记）。
WITH b AS (
  SELECT _row, 有_就业帮扶, 有_公益岗位帮扶, 就业帮扶, 公益岗位帮扶,
         CASE WHEN 已消除 = 1 AND '风险消除后工资性收入' IN (:present_fields) THEN '风险消除后工资性收入' ELSE '工资性收入' END AS 字段,
         CASE WHEN 已消除 = 1 AND '风险消除后工资性收入' IN (:present_fields) THEN 风险消除后工资性收入 ELSE 工资性收入 END AS 值,
         CASE WHEN 已消除 = 1 AND '风险消除后工资性收入' IN (:present_fields) THEN 数_风险消除后工资性收入 ELSE 数_工资性收入 END AS 数
  FROM households
  WHERE 有_就业帮扶 = 1 OR 有_公益岗位帮扶 = 1
)
SELECT _row, 字段 AS 问题字段,
       '享受'
         || CASE WHEN 有_就业帮扶 = 1 THEN '就业帮扶“' || 就业帮扶 || '”' ELSE '' END
         || CASE WHEN 有_就业帮扶 = 1 AND 有_公益岗位帮扶 = 1 THEN '、' ELSE '' END
         || CASE WHEN 有_公益岗位帮扶 = 1 THEN '公益岗位帮扶“' || 公益岗位帮扶 || '”' ELSE '' END
         || '，但' || 字段 || '为 ' || 值 AS 说明
FROM b
WHERE 数 = 0
