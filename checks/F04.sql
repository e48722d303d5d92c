-- F04 脱贫户有患病成员未参加大病保险但未纳入监测（rules.csv F04）。脱贫户 且 非监测户 且 户内存在活动成员：
-- 健康状况含 长期慢性病、患有大病、残疾 任一项 且 是否参加大病保险 = 否 且 是否参加城镇职工基本医疗保险 ≠ 是
-- （空或列不存在也算 ≠ 是）。说明列出这些成员（前 3 人，多于 3 人注明人数）。
{% import "_macros.sql" as shared %}
SELECT h._row,
       '监测对象类别' AS 问题字段,
       '脱贫户未纳入监测，但有患病成员未参加大病保险：' || l.名单 AS 说明
FROM households h
JOIN {% call shared.name_list() %}SELECT 户编号, _row, COALESCE(姓名, '姓名空') || '（' || 健康状况 || '）' AS 名 FROM members
    WHERE 户编号 IS NOT NULL
      AND (',' || 健康状况 || ',' LIKE '%,长期慢性病,%' OR ',' || 健康状况 || ',' LIKE '%,患有大病,%'
           OR ',' || 健康状况 || ',' LIKE '%,残疾,%')
      AND 是否参加大病保险 = '否' AND COALESCE(是否参加城镇职工基本医疗保险, '') <> '是'{% endcall %} AS l ON l.户编号 = h.户编号
WHERE h.脱贫户 = 1 AND h.监测户 = 0
