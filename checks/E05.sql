-- E05 有务工但工资性收入为零或为空（rules.csv E05）：户内任一活动成员 有务工(r) 且 户值(工资性收入)
-- 为空或数值 = 0。非数值的工资性收入既不是空也不是 0，不在此报告（G03）。
-- 说明列出有务工的成员（文件顺序前 3 人，多于 3 人注明人数；不用 STRING_AGG … ORDER BY，SQLite < 3.44 不支持）。
{% import "_macros.sql" as shared %}
SELECT h._row,
       '工资性收入' AS 问题字段,
       '户内有务工成员（' || l.名单 || '），但工资性收入'
       || CASE WHEN h.工资性收入 IS NULL THEN '为空' ELSE '为 0' END AS 说明
FROM households h
JOIN {% call shared.name_list() %}SELECT 户编号, _row, COALESCE(姓名, '姓名空') AS 名 FROM members
    WHERE 户编号 IS NOT NULL AND 有务工 = 1{% endcall %} AS l ON l.户编号 = h.户编号
WHERE h.有务工人数 > 0 AND (h.工资性收入 IS NULL OR h.数_工资性收入 = 0)
