-- C12 对 c12_fields 中导出存在的每个字段：为空或不属于 {是,否} 时记入；任一字段记入即标记该行，列出字段。
-- SQL 不能按名称取列，所以这里列出全部成员级“是否”字段（prepare.C_YESNO_FIELDS，含 @其他是否），
-- 每个字段只在它属于 :c12_fields 且导出含该列（C组存在字段）时检查。
SELECT _row, SUBSTR(字段, 2) AS 问题字段, SUBSTR(说明, 2) || '（应填 是 或 否）' AS 说明
FROM (
  SELECT _row,
         CASE WHEN '是否享受低保' IN (:c12_fields) AND C组存在字段 LIKE '%,是否享受低保,%' AND (是否享受低保 IS NULL OR 是否享受低保 NOT IN (:codes_是否)) THEN '、是否享受低保' ELSE '' END ||
         CASE WHEN '是否特困供养人员' IN (:c12_fields) AND C组存在字段 LIKE '%,是否特困供养人员,%' AND (是否特困供养人员 IS NULL OR 是否特困供养人员 NOT IN (:codes_是否)) THEN '、是否特困供养人员' ELSE '' END ||
         CASE WHEN '是否会讲普通话' IN (:c12_fields) AND C组存在字段 LIKE '%,是否会讲普通话,%' AND (是否会讲普通话 IS NULL OR 是否会讲普通话 NOT IN (:codes_是否)) THEN '、是否会讲普通话' ELSE '' END ||
         CASE WHEN '是否参加商业补充医疗保险' IN (:c12_fields) AND C组存在字段 LIKE '%,是否参加商业补充医疗保险,%' AND (是否参加商业补充医疗保险 IS NULL OR 是否参加商业补充医疗保险 NOT IN (:codes_是否)) THEN '、是否参加商业补充医疗保险' ELSE '' END ||
         CASE WHEN '是否国外务工' IN (:c12_fields) AND C组存在字段 LIKE '%,是否国外务工,%' AND (是否国外务工 IS NULL OR 是否国外务工 NOT IN (:codes_是否)) THEN '、是否国外务工' ELSE '' END ||
         CASE WHEN '是否接受大病医疗救助' IN (:c12_fields) AND C组存在字段 LIKE '%,是否接受大病医疗救助,%' AND (是否接受大病医疗救助 IS NULL OR 是否接受大病医疗救助 NOT IN (:codes_是否)) THEN '、是否接受大病医疗救助' ELSE '' END ||
         CASE WHEN '是否接受其他健康扶贫' IN (:c12_fields) AND C组存在字段 LIKE '%,是否接受其他健康扶贫,%' AND (是否接受其他健康扶贫 IS NULL OR 是否接受其他健康扶贫 NOT IN (:codes_是否)) THEN '、是否接受其他健康扶贫' ELSE '' END ||
         CASE WHEN '是否参加城镇职工基本养老保险' IN (:c12_fields) AND C组存在字段 LIKE '%,是否参加城镇职工基本养老保险,%' AND (是否参加城镇职工基本养老保险 IS NULL OR 是否参加城镇职工基本养老保险 NOT IN (:codes_是否)) THEN '、是否参加城镇职工基本养老保险' ELSE '' END ||
         CASE WHEN '是否参加城镇职工基本医疗保险' IN (:c12_fields) AND C组存在字段 LIKE '%,是否参加城镇职工基本医疗保险,%' AND (是否参加城镇职工基本医疗保险 IS NULL OR 是否参加城镇职工基本医疗保险 NOT IN (:codes_是否)) THEN '、是否参加城镇职工基本医疗保险' ELSE '' END ||
         CASE WHEN '是否异地扶贫搬迁人口' IN (:c12_fields) AND C组存在字段 LIKE '%,是否异地扶贫搬迁人口,%' AND (是否异地扶贫搬迁人口 IS NULL OR 是否异地扶贫搬迁人口 NOT IN (:codes_是否)) THEN '、是否异地扶贫搬迁人口' ELSE '' END ||
         CASE WHEN '是否参加城乡居民基本医疗保险' IN (:c12_fields) AND C组存在字段 LIKE '%,是否参加城乡居民基本医疗保险,%' AND (是否参加城乡居民基本医疗保险 IS NULL OR 是否参加城乡居民基本医疗保险 NOT IN (:codes_是否)) THEN '、是否参加城乡居民基本医疗保险' ELSE '' END ||
         CASE WHEN '是否参加大病保险' IN (:c12_fields) AND C组存在字段 LIKE '%,是否参加大病保险,%' AND (是否参加大病保险 IS NULL OR 是否参加大病保险 NOT IN (:codes_是否)) THEN '、是否参加大病保险' ELSE '' END ||
         CASE WHEN '是否参加城乡居民基本养老保险' IN (:c12_fields) AND C组存在字段 LIKE '%,是否参加城乡居民基本养老保险,%' AND (是否参加城乡居民基本养老保险 IS NULL OR 是否参加城乡居民基本养老保险 NOT IN (:codes_是否)) THEN '、是否参加城乡居民基本养老保险' ELSE '' END AS 字段,
         CASE WHEN '是否享受低保' IN (:c12_fields) AND C组存在字段 LIKE '%,是否享受低保,%' AND (是否享受低保 IS NULL OR 是否享受低保 NOT IN (:codes_是否))
              THEN CASE WHEN 是否享受低保 IS NULL THEN '；是否享受低保为空' ELSE '；是否享受低保“' || 是否享受低保 || '”无效' END ELSE '' END ||
         CASE WHEN '是否特困供养人员' IN (:c12_fields) AND C组存在字段 LIKE '%,是否特困供养人员,%' AND (是否特困供养人员 IS NULL OR 是否特困供养人员 NOT IN (:codes_是否))
              THEN CASE WHEN 是否特困供养人员 IS NULL THEN '；是否特困供养人员为空' ELSE '；是否特困供养人员“' || 是否特困供养人员 || '”无效' END ELSE '' END ||
         CASE WHEN '是否会讲普通话' IN (:c12_fields) AND C组存在字段 LIKE '%,是否会讲普通话,%' AND (是否会讲普通话 IS NULL OR 是否会讲普通话 NOT IN (:codes_是否))
              THEN CASE WHEN 是否会讲普通话 IS NULL THEN '；是否会讲普通话为空' ELSE '；是否会讲普通话“' || 是否会讲普通话 || '”无效' END ELSE '' END ||
         CASE WHEN '是否参加商业补充医疗保险' IN (:c12_fields) AND C组存在字段 LIKE '%,是否参加商业补充医疗保险,%' AND (是否参加商业补充医疗保险 IS NULL OR 是否参加商业补充医疗保险 NOT IN (:codes_是否))
              THEN CASE WHEN 是否参加商业补充医疗保险 IS NULL THEN '；是否参加商业补充医疗保险为空' ELSE '；是否参加商业补充医疗保险“' || 是否参加商业补充医疗保险 || '”无效' END ELSE '' END ||
         CASE WHEN '是否国外务工' IN (:c12_fields) AND C组存在字段 LIKE '%,是否国外务工,%' AND (是否国外务工 IS NULL OR 是否国外务工 NOT IN (:codes_是否))
              THEN CASE WHEN 是否国外务工 IS NULL THEN '；是否国外务工为空' ELSE '；是否国外务工“' || 是否国外务工 || '”无效' END ELSE '' END ||
         CASE WHEN '是否接受大病医疗救助' IN (:c12_fields) AND C组存在字段 LIKE '%,是否接受大病医疗救助,%' AND (是否接受大病医疗救助 IS NULL OR 是否接受大病医疗救助 NOT IN (:codes_是否))
              THEN CASE WHEN 是否接受大病医疗救助 IS NULL THEN '；是否接受大病医疗救助为空' ELSE '；是否接受大病医疗救助“' || 是否接受大病医疗救助 || '”无效' END ELSE '' END ||
         CASE WHEN '是否接受其他健康扶贫' IN (:c12_fields) AND C组存在字段 LIKE '%,是否接受其他健康扶贫,%' AND (是否接受其他健康扶贫 IS NULL OR 是否接受其他健康扶贫 NOT IN (:codes_是否))
              THEN CASE WHEN 是否接受其他健康扶贫 IS NULL THEN '；是否接受其他健康扶贫为空' ELSE '；是否接受其他健康扶贫“' || 是否接受其他健康扶贫 || '”无效' END ELSE '' END ||
         CASE WHEN '是否参加城镇职工基本养老保险' IN (:c12_fields) AND C组存在字段 LIKE '%,是否参加城镇职工基本养老保险,%' AND (是否参加城镇职工基本养老保险 IS NULL OR 是否参加城镇职工基本养老保险 NOT IN (:codes_是否))
              THEN CASE WHEN 是否参加城镇职工基本养老保险 IS NULL THEN '；是否参加城镇职工基本养老保险为空' ELSE '；是否参加城镇职工基本养老保险“' || 是否参加城镇职工基本养老保险 || '”无效' END ELSE '' END ||
         CASE WHEN '是否参加城镇职工基本医疗保险' IN (:c12_fields) AND C组存在字段 LIKE '%,是否参加城镇职工基本医疗保险,%' AND (是否参加城镇职工基本医疗保险 IS NULL OR 是否参加城镇职工基本医疗保险 NOT IN (:codes_是否))
              THEN CASE WHEN 是否参加城镇职工基本医疗保险 IS NULL THEN '；是否参加城镇职工基本医疗保险为空' ELSE '；是否参加城镇职工基本医疗保险“' || 是否参加城镇职工基本医疗保险 || '”无效' END ELSE '' END ||
         CASE WHEN '是否异地扶贫搬迁人口' IN (:c12_fields) AND C组存在字段 LIKE '%,是否异地扶贫搬迁人口,%' AND (是否异地扶贫搬迁人口 IS NULL OR 是否异地扶贫搬迁人口 NOT IN (:codes_是否))
              THEN CASE WHEN 是否异地扶贫搬迁人口 IS NULL THEN '；是否异地扶贫搬迁人口为空' ELSE '；是否异地扶贫搬迁人口“' || 是否异地扶贫搬迁人口 || '”无效' END ELSE '' END ||
         CASE WHEN '是否参加城乡居民基本医疗保险' IN (:c12_fields) AND C组存在字段 LIKE '%,是否参加城乡居民基本医疗保险,%' AND (是否参加城乡居民基本医疗保险 IS NULL OR 是否参加城乡居民基本医疗保险 NOT IN (:codes_是否))
              THEN CASE WHEN 是否参加城乡居民基本医疗保险 IS NULL THEN '；是否参加城乡居民基本医疗保险为空' ELSE '；是否参加城乡居民基本医疗保险“' || 是否参加城乡居民基本医疗保险 || '”无效' END ELSE '' END ||
         CASE WHEN '是否参加大病保险' IN (:c12_fields) AND C组存在字段 LIKE '%,是否参加大病保险,%' AND (是否参加大病保险 IS NULL OR 是否参加大病保险 NOT IN (:codes_是否))
              THEN CASE WHEN 是否参加大病保险 IS NULL THEN '；是否参加大病保险为空' ELSE '；是否参加大病保险“' || 是否参加大病保险 || '”无效' END ELSE '' END ||
         CASE WHEN '是否参加城乡居民基本养老保险' IN (:c12_fields) AND C组存在字段 LIKE '%,是否参加城乡居民基本养老保险,%' AND (是否参加城乡居民基本养老保险 IS NULL OR 是否参加城乡居民基本养老保险 NOT IN (:codes_是否))
              THEN CASE WHEN 是否参加城乡居民基本养老保险 IS NULL THEN '；是否参加城乡居民基本养老保险为空' ELSE '；是否参加城乡居民基本养老保险“' || 是否参加城乡居民基本养老保险 || '”无效' END ELSE '' END AS 说明
  FROM members
) c
WHERE 字段 <> ''
