-- E03 已外出务工或计划外出务工人口无（含丧失）劳动能力（rules.csv E03）。
-- （有务工(r) 或 计划务工(r)）且 劳动技能 ∈ e03_labour。有务工、计划务工是 members 的派生列（rules.md §8，
-- 已含务工监测表、计划外出务工表的记录）。说明写出务工的来源：本表的务工所在地/务工时间，否则务工监测表。
SELECT _row,
       '劳动技能' AS 问题字段,
       '劳动技能为“' || 劳动技能 || '”，但'
       || SUBSTR(CASE WHEN 有务工 = 1 AND (务工月数 > 0 OR 务工所在地 NOT IN ('未外出务工', '无', '否'))
                      THEN '；有务工（务工所在地 ' || COALESCE(务工所在地, '空') || '，务工时间（月） '
                           || COALESCE("务工时间（月）", '空') || '）'
                      WHEN 有务工 = 1 THEN '；务工监测表有已务工记录'
                      ELSE '' END
                 || CASE WHEN 计划务工 = 1 THEN '；计划外出务工表登记计划务工' ELSE '' END, 2) AS 说明
FROM members
WHERE (有务工 = 1 OR 计划务工 = 1) AND 劳动技能 IN (:e03_labour)
