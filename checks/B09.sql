{#- B09 户级字段户内不一致（rules.csv B09），generated from fields.py (catalogue/checks.py): the loops below run
    over `household_fields`, every household-level field of the export (户编号 excepted), so a field added
    to fields.py is checked here without any copy by hand. -#}
-- B09 户级字段户内不一致：对 b09_fields 中导出存在的每个字段（可为任一户级字段：下面每个户级字段一列，由
-- '字段' IN (:b09_fields) 选中；导出没有的列全为空，不会不一致），收集户内活动行的非空值，不同值多于1个即为不一致：
-- 代码和文本按规范化后的值比较（证件号码不区分 x/X）；金额和整数（家庭人口数、年度）按数值比较，差 ≤ 0.01 视为相同
-- （数值的最大值 − 最小值 > 0.01 才算不同），非数值按文本比较，数值与非数值并存也算不同；年月、日期按解析结果比较，
-- 无法解析的按文本比较。b09_blank_counts=true 时，同一字段空值与非空值并存也算不一致。
-- 任一字段不一致时标记该户，列出字段、各值（规范化后）及行号。先按户一次聚合判定（fN = 第N个字段不一致），
-- 再只为被标记的户（mm）展开明细：mm 与字段表 names 交叉连接，每个不一致的字段一行（按 pos 取该字段的值），
-- 一条语句读 mm 一次，而不是每个字段一个 UNION 分支（规划代价随字段数增长）。
{%- macro differs(f) -%}
  {%- if f.kind == "number" -%}
MIN(CASE WHEN {{ f.pq }} IS NULL THEN {{ f.q }} END) <> MAX(CASE WHEN {{ f.pq }} IS NULL THEN {{ f.q }} END)
                 OR (COUNT(CASE WHEN {{ f.pq }} IS NULL THEN {{ f.q }} END) > 0 AND COUNT({{ f.pq }}) > 0) OR MAX({{ f.pq }}) - MIN({{ f.pq }}) > 0.01
  {%- elif f.kind in ("month", "date") -%}
MIN(CASE WHEN {{ f.pq }} IS NOT NULL THEN 'P' || CAST({{ f.pq }} AS VARCHAR) ELSE 'T' || {{ f.q }} END) <> MAX(CASE WHEN {{ f.pq }} IS NOT NULL THEN 'P' || CAST({{ f.pq }} AS VARCHAR) ELSE 'T' || {{ f.q }} END)
  {%- elif f.kind == "id" -%}
MIN(UPPER({{ f.q }})) <> MAX(UPPER({{ f.q }}))
  {%- else -%}
MIN({{ f.q }}) <> MAX({{ f.q }})
  {%- endif -%}
{%- endmacro %}
WITH flags AS (
    SELECT 户编号,
{%- for f in household_fields %}
           CASE WHEN '{{ f.name }}' IN (:b09_fields)
                 AND ({{ differs(f) }}
                 OR (:b09_blank_counts = 1 AND COUNT({{ f.q }}) > 0 AND COUNT({{ f.q }}) < COUNT(*))) THEN 1 ELSE 0 END AS f{{ loop.index }}{{ "," if not loop.last }}
{%- endfor %}
    FROM members
    WHERE 户编号 IS NOT NULL
    GROUP BY 户编号
    HAVING COUNT(*) > 1
),
flagged AS (
    SELECT 户编号, {% for f in household_fields %}f{{ loop.index }}{{ ", " if not loop.last }}{% endfor %}
    FROM flags
    WHERE {% for f in household_fields %}f{{ loop.index }} = 1{{ " OR " if not loop.last }}{% endfor %}
),
mm AS (
    SELECT m.户编号, m._row, m._line,
           {% for f in household_fields %}m.{{ f.q }}, {% endfor %}
           {% for f in household_fields %}g.f{{ loop.index }}{{ ", " if not loop.last }}{% endfor %}
    FROM members m JOIN flagged g ON g.户编号 = m.户编号
),
names AS (
{%- for f in household_fields %}
    SELECT {{ loop.index }} AS pos, '{{ f.name }}' AS 字段{{ " UNION ALL" if not loop.last }}
{%- endfor %}
),
v AS (
    SELECT mm.户编号, mm._row, mm._line, n.pos, n.字段,
           CASE n.pos{% for f in household_fields %} WHEN {{ loop.index }} THEN mm.{{ f.q }}{% endfor %} END AS 值
    FROM mm CROSS JOIN names n
    WHERE CASE n.pos{% for f in household_fields %} WHEN {{ loop.index }} THEN mm.f{{ loop.index }}{% endfor %} END = 1
),
vals AS (
    SELECT 户编号, pos, 字段, COALESCE(值, '（空）') AS shown, MIN(_row) AS first_row,
           STRING_AGG(CAST(_line AS VARCHAR), '、' ORDER BY _row) AS lines
    FROM v
    WHERE 值 IS NOT NULL OR :b09_blank_counts = 1
    GROUP BY 户编号, pos, 字段, COALESCE(值, '（空）')
),
per_field AS (
    SELECT 户编号, pos, 字段, STRING_AGG(shown || '（第' || lines || '行）', ' / ' ORDER BY first_row) AS listed
    FROM vals
    GROUP BY 户编号, pos, 字段
)
SELECT h._row,
       STRING_AGG(f.字段, '、' ORDER BY f.pos) AS 问题字段,
       STRING_AGG(f.字段 || '：' || f.listed, '；' ORDER BY f.pos) AS 说明
FROM households h JOIN per_field f ON f.户编号 = h.户编号
GROUP BY h._row
