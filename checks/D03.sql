-- D03 16（含）-60周岁（不含）健康非在校生为无劳动力或弱/半劳动力：
-- child_age ≤ 年龄 < elderly_age 且 健康状况 = 健康（只有这一项）且 在校生状况为空或 = 非在校生
-- 且 劳动技能 ∈ {无劳动力, 弱劳动力或半劳动力}。年龄未知（NULL）的成员不判定。
SELECT _row,
       '劳动技能、健康状况' AS 问题字段,
       '年龄 ' || CAST(年龄 AS VARCHAR) || ' 岁（' || CAST(:child_age AS VARCHAR) || ' 周岁及以上、不满 '
       || CAST(:elderly_age AS VARCHAR) || ' 周岁），健康状况为健康、非在校生，但劳动技能为 ' || 劳动技能
       || '，请核实劳动技能或健康状况' AS 说明
FROM members
WHERE 年龄 >= :child_age AND 年龄 < :elderly_age
  AND 仅健康 = 1
  AND (在校生状况 IS NULL OR 在校生状况 = '非在校生')
  AND 劳动技能 IN ('无劳动力', '弱劳动力或半劳动力')
