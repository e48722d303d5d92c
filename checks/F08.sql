-- F08 风险类型为因安全住房但未登记住房安全保障或搬迁措施（rules.csv F08）：R(户) 含住房类风险（含“住房”
-- 的项）且 住房安全保障 与 搬迁（列不存在按空）在户内所有活动行均为空。
SELECT _row,
       '住房安全保障' AS 问题字段,
       '风险类型（' || REPLACE(SUBSTR(风险集合, 2, LENGTH(风险集合) - 2), ',', '、')
       || '）含住房类风险，但住房安全保障与搬迁在户内均为空' AS 说明
FROM households
WHERE 风险集合 LIKE '%住房%' AND 住房安全保障 IS NULL AND 搬迁 IS NULL
