-- D12 义务教育适龄儿童不在校：compulsory_age_min ≤ 学龄年龄 ≤ compulsory_age_max（两端都含）
-- 且 在校生状况为空或 = 非在校生 且 义务教育阶段未上学原因为空 且 失学或辍学原因为空
-- （不存在的列在 members 中为 NULL，即按空）。学龄年龄未知（NULL）的成员不判定。
SELECT _row,
       '在校生状况' AS 问题字段,
       '学龄年龄 ' || CAST(学龄年龄 AS VARCHAR) || ' 岁（义务教育适龄 ' || CAST(:compulsory_age_min AS VARCHAR) || '–'
       || CAST(:compulsory_age_max AS VARCHAR) || ' 岁），在校生状况'
       || CASE WHEN 在校生状况 IS NULL THEN '为空' ELSE '为非在校生' END
       || '，且未填写义务教育阶段未上学原因或失学或辍学原因' AS 说明
FROM members
WHERE 学龄年龄 >= :compulsory_age_min AND 学龄年龄 <= :compulsory_age_max
  AND (在校生状况 IS NULL OR 在校生状况 = '非在校生')
  AND 义务教育阶段未上学原因 IS NULL
  AND 失学或辍学原因 IS NULL
