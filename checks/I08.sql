-- I08 已消除风险但仍有义务教育阶段失学辍学：已消除 且 户值(风险消除后是否义务教育阶段适龄儿童少年失学辍学) = 是；
-- 导出没有该列时改用 是否义务教育阶段适龄儿童少年失学辍学（两列都没有时规则不执行，由 meta.any_of 决定）。
SELECT _row, 字段 AS 问题字段, '已消除风险，但' || 字段 || ' 为 是' AS 说明
FROM (SELECT _row,
             CASE WHEN '风险消除后是否义务教育阶段适龄儿童少年失学辍学' IN (:present_fields)
                  THEN '风险消除后是否义务教育阶段适龄儿童少年失学辍学'
                  ELSE '是否义务教育阶段适龄儿童少年失学辍学' END AS 字段,
             CASE WHEN '风险消除后是否义务教育阶段适龄儿童少年失学辍学' IN (:present_fields)
                  THEN 风险消除后是否义务教育阶段适龄儿童少年失学辍学
                  ELSE 是否义务教育阶段适龄儿童少年失学辍学 END AS 值
      FROM households
      WHERE 已消除 = 1) AS h
WHERE 值 = '是'
