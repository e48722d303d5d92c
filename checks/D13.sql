-- D13 16–22岁文化程度为小学及以下：young_age_min ≤ 年龄 ≤ young_age_max（两端都含）
-- 且 文化程度 ∈ {文盲或半文盲, 小学}。年龄未知（NULL）的成员不判定。
SELECT _row,
       '文化程度' AS 问题字段,
       '年龄 ' || CAST(年龄 AS VARCHAR) || ' 岁（' || CAST(:young_age_min AS VARCHAR) || '–'
       || CAST(:young_age_max AS VARCHAR) || ' 周岁），文化程度为 ' || 文化程度 || '，请核实' AS 说明
FROM members
WHERE 年龄 >= :young_age_min AND 年龄 <= :young_age_max
  AND 文化程度 IN ('文盲或半文盲', '小学')
