-- E07 整户无劳动力但有务工（rules.csv E07）：户内所有活动成员 劳动技能非空且 ∈ {无劳动力,丧失劳动力}
-- （households.全户无劳动力）且 户内任一成员 有务工(r)。说明列出有务工的成员（前 3 人，多于 3 人注明人数）。
{% import "_macros.sql" as shared %}
SELECT h._row,
       '劳动技能' AS 问题字段,
       '全户 ' || h.成员数 || ' 人劳动技能均为无劳动力或丧失劳动力，但有务工成员：' || l.名单 AS 说明
FROM households h
JOIN {% call shared.name_list() %}SELECT 户编号, _row, COALESCE(姓名, '姓名空') AS 名 FROM members
    WHERE 户编号 IS NOT NULL AND 有务工 = 1{% endcall %} AS l ON l.户编号 = h.户编号
WHERE h.全户无劳动力 = 1 AND h.有务工人数 > 0
