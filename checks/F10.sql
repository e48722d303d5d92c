-- F10 识别监测的失学辍学户家中无不在校儿童（rules.csv F10）：监测户 且 户值(是否义务教育阶段适龄儿童少年
-- 失学辍学) = 是 且 户内没有活动成员满足 compulsory_age_min ≤ 学龄年龄 ≤ compulsory_age_max 且 在校生状况
-- 为空或 = 非在校生；户内有学龄年龄未知的成员时不判定。
SELECT h._row,
       '是否义务教育阶段适龄儿童少年失学辍学' AS 问题字段,
       '是否义务教育阶段适龄儿童少年失学辍学为“是”，但户内没有学龄年龄 ' || :compulsory_age_min || '–'
       || :compulsory_age_max || ' 周岁且在校生状况为空或非在校生的成员' AS 说明
FROM households h
WHERE h.监测户 = 1
  AND h.是否义务教育阶段适龄儿童少年失学辍学 = '是'
  AND NOT EXISTS (SELECT 1 FROM members m WHERE m.户编号 = h.户编号 AND m.学龄年龄 IS NULL)
  AND NOT EXISTS (
      SELECT 1 FROM members m
      WHERE m.户编号 = h.户编号
        AND m.学龄年龄 BETWEEN :compulsory_age_min AND :compulsory_age_max
        AND (m.在校生状况 IS NULL OR m.在校生状况 = '非在校生'))
