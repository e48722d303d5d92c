-- H05 风险为因病但家庭成员均健康：R(户) 含 因病 且 户内所有活动成员 健康状况 = 健康（只有这一项）时标记；
-- 任一成员健康状况为空时不判定。健康状况项集合（prepare._derive_H）按项去重，故“健康,健康”也算只有健康。
-- 问题字段：户值中列有该风险项的 致贫/返贫风险 列（都没有时为 致贫/返贫风险1）及相矛盾的字段。
{% import "_macros.sql" as shared %}
SELECT h._row,
       {{ shared.risk_columns('因病') }} || '、健康状况' AS 问题字段,
       '风险类型含“因病”，但户内 ' || CAST(h.成员数 AS VARCHAR) || ' 名成员的健康状况均为健康' AS 说明
FROM households h
WHERE h.风险集合 LIKE '%,因病,%'
  AND NOT EXISTS (SELECT 1 FROM members m
                  WHERE m.户编号 = h.户编号 AND COALESCE(m.健康状况项集合, '') <> ',健康,')
