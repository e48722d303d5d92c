-- G03 收入项为负数或非数值：对 @金额 中导出存在的每个字段、户内每个活动行的非空值，
-- 无法按金额解析，或数值 < 0（g03_allow_negative 中的字段允许为负）时记入；任一记入即标记该户，列出字段与原值。
-- 导出不含的字段在 members 中全为 NULL，不会记入。每个字段给出第一个记入行的值、行号和记入行数；
-- 字段按 @金额 的顺序拼接（不用带 ORDER BY 的 STRING_AGG：SQLite 3.44 以前不支持）。
WITH v AS (
  SELECT 户编号, _row, _line, 1 AS k, '工资性收入' AS 字段, 工资性收入 AS 值, 数_工资性收入 AS 数 FROM members WHERE 工资性收入 IS NOT NULL
  UNION ALL
  SELECT 户编号, _row, _line, 2 AS k, '生产经营性收入' AS 字段, 生产经营性收入 AS 值, 数_生产经营性收入 AS 数 FROM members WHERE 生产经营性收入 IS NOT NULL
  UNION ALL
  SELECT 户编号, _row, _line, 3 AS k, '财产性收入' AS 字段, 财产性收入 AS 值, 数_财产性收入 AS 数 FROM members WHERE 财产性收入 IS NOT NULL
  UNION ALL
  SELECT 户编号, _row, _line, 4 AS k, '转移性收入' AS 字段, 转移性收入 AS 值, 数_转移性收入 AS 数 FROM members WHERE 转移性收入 IS NOT NULL
  UNION ALL
  SELECT 户编号, _row, _line, 5 AS k, '生产经营性支出' AS 字段, 生产经营性支出 AS 值, 数_生产经营性支出 AS 数 FROM members WHERE 生产经营性支出 IS NOT NULL
  UNION ALL
  SELECT 户编号, _row, _line, 6 AS k, '家庭纯收入' AS 字段, 家庭纯收入 AS 值, 数_家庭纯收入 AS 数 FROM members WHERE 家庭纯收入 IS NOT NULL
  UNION ALL
  SELECT 户编号, _row, _line, 7 AS k, '人均纯收入' AS 字段, 人均纯收入 AS 值, 数_人均纯收入 AS 数 FROM members WHERE 人均纯收入 IS NOT NULL
  UNION ALL
  SELECT 户编号, _row, _line, 8 AS k, '年总收入' AS 字段, 年总收入 AS 值, 数_年总收入 AS 数 FROM members WHERE 年总收入 IS NOT NULL
  UNION ALL
  SELECT 户编号, _row, _line, 9 AS k, '家庭理赔收入' AS 字段, 家庭理赔收入 AS 值, 数_家庭理赔收入 AS 数 FROM members WHERE 家庭理赔收入 IS NOT NULL
  UNION ALL
  SELECT 户编号, _row, _line, 10 AS k, '合规自付支出' AS 字段, 合规自付支出 AS 值, 数_合规自付支出 AS 数 FROM members WHERE 合规自付支出 IS NOT NULL
  UNION ALL
  SELECT 户编号, _row, _line, 11 AS k, '风险消除后工资性收入' AS 字段, 风险消除后工资性收入 AS 值, 数_风险消除后工资性收入 AS 数 FROM members WHERE 风险消除后工资性收入 IS NOT NULL
  UNION ALL
  SELECT 户编号, _row, _line, 12 AS k, '风险消除后财产性收入' AS 字段, 风险消除后财产性收入 AS 值, 数_风险消除后财产性收入 AS 数 FROM members WHERE 风险消除后财产性收入 IS NOT NULL
  UNION ALL
  SELECT 户编号, _row, _line, 13 AS k, '风险消除后转移性收入' AS 字段, 风险消除后转移性收入 AS 值, 数_风险消除后转移性收入 AS 数 FROM members WHERE 风险消除后转移性收入 IS NOT NULL
  UNION ALL
  SELECT 户编号, _row, _line, 14 AS k, '风险消除后生产经营性收入' AS 字段, 风险消除后生产经营性收入 AS 值, 数_风险消除后生产经营性收入 AS 数 FROM members WHERE 风险消除后生产经营性收入 IS NOT NULL
), bad AS (
  SELECT 户编号, _row, _line, k, 字段, 值, CASE WHEN 数 IS NULL THEN '无法解析为金额' ELSE '为负数' END AS 问题
  FROM v
  WHERE 户编号 IS NOT NULL AND (数 IS NULL OR (数 < 0 AND 字段 NOT IN (:g03_allow_negative)))
), fr AS (
  SELECT 户编号, k, MIN(_row) AS 首行, COUNT(*) AS 行数
  FROM bad
  GROUP BY 户编号, k
), pieces AS (
  SELECT b.户编号, b.k,
         b.字段 || '“' || b.值 || '”' || b.问题 || '（第 ' || CAST(b._line AS VARCHAR) || ' 行'
           || CASE WHEN f.行数 > 1 THEN '等 ' || CAST(f.行数 AS VARCHAR) || ' 行' ELSE '' END || '）' AS 片段
  FROM fr f
  JOIN bad b ON b.户编号 = f.户编号 AND b.k = f.k AND b._row = f.首行
), agg AS (
  SELECT 户编号,
         COALESCE(MAX(CASE WHEN k = 1 THEN '、工资性收入' END), '')
           || COALESCE(MAX(CASE WHEN k = 2 THEN '、生产经营性收入' END), '')
           || COALESCE(MAX(CASE WHEN k = 3 THEN '、财产性收入' END), '')
           || COALESCE(MAX(CASE WHEN k = 4 THEN '、转移性收入' END), '')
           || COALESCE(MAX(CASE WHEN k = 5 THEN '、生产经营性支出' END), '')
           || COALESCE(MAX(CASE WHEN k = 6 THEN '、家庭纯收入' END), '')
           || COALESCE(MAX(CASE WHEN k = 7 THEN '、人均纯收入' END), '')
           || COALESCE(MAX(CASE WHEN k = 8 THEN '、年总收入' END), '')
           || COALESCE(MAX(CASE WHEN k = 9 THEN '、家庭理赔收入' END), '')
           || COALESCE(MAX(CASE WHEN k = 10 THEN '、合规自付支出' END), '')
           || COALESCE(MAX(CASE WHEN k = 11 THEN '、风险消除后工资性收入' END), '')
           || COALESCE(MAX(CASE WHEN k = 12 THEN '、风险消除后财产性收入' END), '')
           || COALESCE(MAX(CASE WHEN k = 13 THEN '、风险消除后转移性收入' END), '')
           || COALESCE(MAX(CASE WHEN k = 14 THEN '、风险消除后生产经营性收入' END), '') AS 字段串,
         COALESCE(MAX(CASE WHEN k = 1 THEN '；' || 片段 END), '')
           || COALESCE(MAX(CASE WHEN k = 2 THEN '；' || 片段 END), '')
           || COALESCE(MAX(CASE WHEN k = 3 THEN '；' || 片段 END), '')
           || COALESCE(MAX(CASE WHEN k = 4 THEN '；' || 片段 END), '')
           || COALESCE(MAX(CASE WHEN k = 5 THEN '；' || 片段 END), '')
           || COALESCE(MAX(CASE WHEN k = 6 THEN '；' || 片段 END), '')
           || COALESCE(MAX(CASE WHEN k = 7 THEN '；' || 片段 END), '')
           || COALESCE(MAX(CASE WHEN k = 8 THEN '；' || 片段 END), '')
           || COALESCE(MAX(CASE WHEN k = 9 THEN '；' || 片段 END), '')
           || COALESCE(MAX(CASE WHEN k = 10 THEN '；' || 片段 END), '')
           || COALESCE(MAX(CASE WHEN k = 11 THEN '；' || 片段 END), '')
           || COALESCE(MAX(CASE WHEN k = 12 THEN '；' || 片段 END), '')
           || COALESCE(MAX(CASE WHEN k = 13 THEN '；' || 片段 END), '')
           || COALESCE(MAX(CASE WHEN k = 14 THEN '；' || 片段 END), '') AS 说明串
  FROM pieces
  GROUP BY 户编号
)
SELECT h._row, SUBSTR(a.字段串, 2) AS 问题字段, SUBSTR(a.说明串, 2) AS 说明
FROM households h
JOIN agg a ON a.户编号 = h.户编号
