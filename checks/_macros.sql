{#- Shared pieces of the check SQL (catalogue/checks.py), written once; a check imports them with
    {% import "_macros.sql" as m %}. Everything here renders to plain portable SQL. -#}

{#- The risk columns (致贫/返贫风险1..5, as 户值) whose items include `item`, joined by '、'; when none
    does (the item came from another member's row), 致贫/返贫风险1. The 问题字段 of the H rules. -#}
{% macro risk_columns(item, alias="h") -%}
COALESCE(NULLIF(SUBSTR(
  {%- for c in risk_fields %}{{ " || " if not loop.first }}CASE WHEN ',' || {{ alias }}."{{ c }}" || ',' LIKE '%,{{ item }},%' THEN '、{{ c }}' ELSE '' END{% endfor -%}
, 2), ''), '{{ risk_fields[0] }}')
{%- endmacro %}

{#- Per household (户编号, 名单): the first three of the listed persons in file order, joined by '、',
    with " 等 N 人" when there are more. The caller's body is a query of (户编号, _row, 名), one row a
    person to list. -#}
{% macro name_list() -%}
(
    SELECT 户编号,
           MAX(CASE WHEN k = 1 THEN 名 END) || COALESCE(MAX(CASE WHEN k = 2 THEN '、' || 名 END), '')
           || COALESCE(MAX(CASE WHEN k = 3 THEN '、' || 名 END), '')
           || CASE WHEN MAX(n) > 3 THEN ' 等 ' || CAST(MAX(n) AS VARCHAR) || ' 人' ELSE '' END AS 名单
    FROM (SELECT 户编号, 名, ROW_NUMBER() OVER (PARTITION BY 户编号 ORDER BY _row) AS k,
                 COUNT(*) OVER (PARTITION BY 户编号) AS n
          FROM ({{ caller() }}) AS listed) AS x
    GROUP BY 户编号
)
{%- endmacro %}

{#- A number as the circular prints it: an integer without ".0" (below 10^15, where BIGINT holds it),
    anything else as SQL writes it (a huge or fractional value never breaks the cast). -#}
{% macro number_text(x) -%}
CASE WHEN {{ x }} = FLOOR({{ x }}) AND ABS({{ x }}) < 1000000000000000 THEN CAST(CAST({{ x }} AS BIGINT) AS VARCHAR)
     ELSE CAST({{ x }} AS VARCHAR) END
{%- endmacro %}
