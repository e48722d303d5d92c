-- H02 风险类型为其他但未填写备注：R(户) 含 其他 且 其他备注 在户内所有活动行均为空 时标记。
-- 问题字段：户值中列有该风险项的 致贫/返贫风险 列（都没有时为 致贫/返贫风险1）及相矛盾的字段。
{% import "_macros.sql" as shared %}
SELECT h._row,
       {{ shared.risk_columns('其他') }} || '、其他备注' AS 问题字段,
       '风险类型含“其他”，但其他备注为空（户内所有成员行均未填写）' AS 说明
FROM households h
WHERE h.风险集合 LIKE '%,其他,%' AND h.其他备注 IS NULL
