-- H08 4人及以上户半数以上成员有劳动能力但风险为缺劳动力：未消除 且 R(户) 含 缺劳动力 且
-- n = 户内活动行数 ≥ h08_min_size 且 有劳动力成员数 × 2 ≥ n 且 H07 未标记该户 时标记。
-- H07 在同样的 未消除、缺劳动力 条件下标记“全户有劳动力”的户，故排除 全户有劳动力 = 1 的户。
-- 问题字段：户值中列有该风险项的 致贫/返贫风险 列（都没有时为 致贫/返贫风险1）及相矛盾的字段。
{% import "_macros.sql" as shared %}
SELECT h._row,
       {{ shared.risk_columns('缺劳动力') }} || '、劳动技能' AS 问题字段,
       '风险类型含“缺劳动力”，但户内 ' || CAST(h.成员数 AS VARCHAR) || ' 人中 '
       || CAST(h.有劳动力人数 AS VARCHAR) || ' 人有劳动能力（不少于半数）' AS 说明
FROM households h
WHERE h.未消除 = 1 AND h.风险集合 LIKE '%,缺劳动力,%' AND h.成员数 >= :h08_min_size
  AND h.有劳动力人数 * 2 >= h.成员数 AND h.全户有劳动力 = 0
