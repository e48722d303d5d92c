-- I16 风险消除后再次出现风险信号未再标注：按户编号匹配上期导出（prev_households）；该户上期与本期都为已消除，
-- 且出现以下任一新信号（上期没有、本期有）时标记，列出信号：
-- (a) 人均纯收入 上期 ≥ income_threshold(ref_date) 而本期 < income_threshold(ref_date)（两期都为数值；没有
--     生效的监测线时不判定）；(b) 是否危房户 由 否或空 变为 是；(c) 是否解决安全饮用水 由 是或空 变为 否；
-- (d) 是否义务教育阶段适龄儿童少年失学辍学 由 否或空 变为 是；(e) 户内某成员（按人员关联键匹配 prev_persons）
--     的健康状况本期含 患有大病 而上期不含（上期导出中没有此人时不判定）。
-- 上期导出没有 (b)–(e) 的列时，该信号不判定（prev_fields）：不存在的列读作空，而空不等于“没有风险”。
{% import "_macros.sql" as shared %}
WITH p AS (
    SELECT h._row, h.户编号, h.人均纯收入, h.是否危房户, h.是否解决安全饮用水, h.是否义务教育阶段适龄儿童少年失学辍学 AS 失学辍学,
           q.unsafe_house, q.safe_water, q.dropout,
           COALESCE(q.per_capita_text, CAST(q.per_capita AS VARCHAR)) AS 上期人均,
           CASE WHEN h.数_人均纯收入 < :income_threshold AND q.per_capita >= :income_threshold THEN 1 ELSE 0 END AS a,
           CASE WHEN h.是否危房户 = '是' AND (q.unsafe_house IS NULL OR q.unsafe_house = '否')
                     AND '是否危房户' IN (SELECT field FROM prev_fields) THEN 1 ELSE 0 END AS b,
           CASE WHEN h.是否解决安全饮用水 = '否' AND (q.safe_water IS NULL OR q.safe_water = '是')
                     AND '是否解决安全饮用水' IN (SELECT field FROM prev_fields) THEN 1 ELSE 0 END AS c,
           CASE WHEN h.是否义务教育阶段适龄儿童少年失学辍学 = '是' AND (q.dropout IS NULL OR q.dropout = '否')
                     AND '是否义务教育阶段适龄儿童少年失学辍学' IN (SELECT field FROM prev_fields) THEN 1 ELSE 0 END AS d
    FROM households h
    JOIN prev_households q ON q.household = h.户编号
    WHERE h.已消除 = 1 AND q.removed = 1
),
e AS {% call shared.name_list() %}
    SELECT m.户编号, MIN(m._row) AS _row, MIN(COALESCE(m.姓名, '（姓名为空）')) AS 名
    FROM members m
    JOIN prev_persons r ON r.person_key = m.人员关联键
    WHERE m.户编号 IS NOT NULL AND m.健康状况项集合 LIKE '%,患有大病,%' AND r.serious_illness = 0
      AND '健康状况' IN (SELECT field FROM prev_fields)
    GROUP BY m.户编号, m.人员关联键
{% endcall %}
SELECT p._row,
       NULLIF(SUBSTR(CASE WHEN a = 1 THEN '、人均纯收入' ELSE '' END || CASE WHEN b = 1 THEN '、是否危房户' ELSE '' END
                     || CASE WHEN c = 1 THEN '、是否解决安全饮用水' ELSE '' END
                     || CASE WHEN d = 1 THEN '、是否义务教育阶段适龄儿童少年失学辍学' ELSE '' END, 2), '') AS 问题字段,
       '风险已消除，但与上期导出相比出现新的风险信号：'
       || SUBSTR(CASE WHEN a = 1 THEN '；人均纯收入由上期 ' || 上期人均 || ' 元降至 ' || p.人均纯收入
                                      || ' 元，低于监测线 '
                                      || {{ shared.number_text(":income_threshold") }} || ' 元' ELSE '' END
                 || CASE WHEN b = 1 THEN '；是否危房户由 ' || COALESCE(unsafe_house, '空') || ' 变为 是' ELSE '' END
                 || CASE WHEN c = 1 THEN '；是否解决安全饮用水由 ' || COALESCE(safe_water, '空') || ' 变为 否' ELSE '' END
                 || CASE WHEN d = 1 THEN '；是否义务教育阶段适龄儿童少年失学辍学由 ' || COALESCE(dropout, '空') || ' 变为 是'
                         ELSE '' END
                 || CASE WHEN e.名单 IS NOT NULL THEN '；成员 ' || e.名单 || ' 的健康状况新增 患有大病' ELSE '' END, 2)
       || '。请核实是否需要风险再标注或回退' AS 说明
FROM p
LEFT JOIN e ON e.户编号 = p.户编号
WHERE a = 1 OR b = 1 OR c = 1 OR d = 1 OR e.名单 IS NOT NULL
