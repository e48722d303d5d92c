-- H03 风险为因自然灾害但未填写子项：R(户) 含 因自然灾害 且 因自然灾害子项 在户内所有活动行均为空 时标记。
-- 问题字段：户值中列有该风险项的 致贫/返贫风险 列（都没有时为 致贫/返贫风险1）及相矛盾的字段。
{% import "_macros.sql" as shared %}
SELECT h._row,
       {{ shared.risk_columns('因自然灾害') }} || '、因自然灾害子项' AS 问题字段,
       '风险类型含“因自然灾害”，但因自然灾害子项为空（户内所有成员行均未填写）' AS 说明
FROM households h
WHERE h.风险集合 LIKE '%,因自然灾害,%' AND h.因自然灾害子项 IS NULL
