-- G12 享受产业帮扶但无生产经营性收入：生产经营性收入、风险消除后生产经营性收入 两列都不存在时不执行（meta.any_of）。
-- 产业帮扶 在户内非空时判定：已消除 且 导出含 风险消除后生产经营性收入 时取其户值，否则取 户值(生产经营性收入)；
-- 该值为空或数值 = 0 时标记（非数值由 G03 报告）。
-- 解读：所取的列导出中不存在时（如未消除户而导出只有 风险消除后生产经营性收入）不判定，不把缺列当作“为空”。
WITH b AS (
  SELECT _row, 产业帮扶,
         CASE WHEN 已消除 = 1 AND '风险消除后生产经营性收入' IN (:present_fields) THEN '风险消除后生产经营性收入'
              WHEN '生产经营性收入' IN (:present_fields) THEN '生产经营性收入' END AS 字段,
         CASE WHEN 已消除 = 1 AND '风险消除后生产经营性收入' IN (:present_fields) THEN 风险消除后生产经营性收入
              ELSE 生产经营性收入 END AS 值,
         CASE WHEN 已消除 = 1 AND '风险消除后生产经营性收入' IN (:present_fields) THEN 数_风险消除后生产经营性收入
              ELSE 数_生产经营性收入 END AS 数
  FROM households
  WHERE 有_产业帮扶 = 1
)
SELECT _row, 字段 AS 问题字段,
       '享受产业帮扶“' || 产业帮扶 || '”，但' || 字段 || CASE WHEN 值 IS NULL THEN '为空' ELSE '为 ' || 值 END AS 说明
FROM b
WHERE 字段 IS NOT NULL AND (值 IS NULL OR 数 = 0)
