-- C10 a = 是否参加城乡居民基本医疗保险，b = 是否参加城镇职工基本医疗保险（列不存在按空）；a ≠ 是 且 b ≠ 是 时标记。
-- 子类：含无效值（任一项非空且不是 是/否）/ 同时为空 / 同时为否 / 一空一否。
SELECT _row,
       CASE WHEN C组存在字段 LIKE '%,是否参加城镇职工基本医疗保险,%'
            THEN '是否参加城乡居民基本医疗保险、是否参加城镇职工基本医疗保险'
            ELSE '是否参加城乡居民基本医疗保险' END AS 问题字段,
       CASE WHEN (a IS NOT NULL AND a NOT IN (:codes_是否)) OR (b IS NOT NULL AND b NOT IN (:codes_是否))
                 THEN '含无效值：'
            WHEN a IS NULL AND b IS NULL THEN '同时为空：'
            WHEN a = '否' AND b = '否' THEN '同时为否：'
            ELSE '一空一否：' END
       || '城乡居民基本医疗保险' || CASE WHEN a IS NULL THEN '为空' ELSE '为“' || a || '”' END
       || '，城镇职工基本医疗保险'
       || CASE WHEN C组存在字段 NOT LIKE '%,是否参加城镇职工基本医疗保险,%' THEN '列不存在（按空）'
               WHEN b IS NULL THEN '为空' ELSE '为“' || b || '”' END
       || '；至少一项应为 是' AS 说明
FROM (
  SELECT _row, C组存在字段, 是否参加城乡居民基本医疗保险 AS a, 是否参加城镇职工基本医疗保险 AS b
  FROM members
) m
WHERE COALESCE(a, '') <> '是' AND COALESCE(b, '') <> '是'
