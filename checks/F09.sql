-- F09 有家庭成员未参加基本医保但风险类型无因病（rules.csv F09）：监测户 且 户内存在活动成员
-- 是否参加城乡居民基本医疗保险 ≠ 是 且 是否参加城镇职工基本医疗保险 ≠ 是（空、无效、列不存在都算 ≠ 是）
-- 且 R(户) 不含健康类风险（因病，或含“医疗”“医保”的项）。说明列出这些成员（前 3 人，多于 3 人注明人数）。
{% import "_macros.sql" as shared %}
SELECT h._row,
       '是否参加城乡居民基本医疗保险' AS 问题字段,
       '成员未参加基本医疗保险（' || l.名单 || '），但风险类型'
       || CASE WHEN h.风险集合 = ',' THEN '为空'
               ELSE '（' || REPLACE(SUBSTR(h.风险集合, 2, LENGTH(h.风险集合) - 2), ',', '、') || '）' END
       || '不含因病或医疗、医保类风险' AS 说明
FROM households h
JOIN {% call shared.name_list() %}SELECT 户编号, _row, COALESCE(姓名, '姓名空') AS 名 FROM members
    WHERE 户编号 IS NOT NULL AND COALESCE(是否参加城乡居民基本医疗保险, '') <> '是'
      AND COALESCE(是否参加城镇职工基本医疗保险, '') <> '是'{% endcall %} AS l ON l.户编号 = h.户编号
WHERE h.监测户 = 1
  AND h.风险集合 NOT LIKE '%,因病,%' AND h.风险集合 NOT LIKE '%医疗%' AND h.风险集合 NOT LIKE '%医保%'
