-- G15 人均纯收入大幅波动：对比导出 = 报告月恰为 本期报告月 − g15_lag_months 的历史导出（lag_households，
-- 默认即上年度同期；没有则不执行，见 meta.previous = lag）。按户编号匹配；两期 户值(人均纯收入) 都为数值
-- 且对比期 > 0，且 |本期 − 对比期| ÷ 对比期 > g15_change 时标记。
-- 按 DECIMAL 精确比较 |本期 − 对比期| > g15_change × 对比期；任一值绝对值 ≥ 10^12 时 DECIMAL 运算可能溢出，
-- 这时改按 DOUBLE 计算（与 G02 相同）。对比期的值显示其原文（旧历史库没有原文时显示数值）。
{% import "_macros.sql" as shared %}
WITH c AS (
    SELECT h._row, h.人均纯收入 AS 本期原文, h.数_人均纯收入 AS 本期, l.per_capita AS 对比期,
           COALESCE(l.per_capita_text, CAST(l.per_capita AS VARCHAR)) AS 对比期原文,
           CASE WHEN ABS(h.数_人均纯收入) < 1000000000000 AND l.per_capita < 1000000000000 THEN 1 ELSE 0 END AS 精确
    FROM households h
    JOIN lag_households l ON l.household = h.户编号
    WHERE h.数_人均纯收入 IS NOT NULL AND l.per_capita > 0
)
SELECT _row,
       '人均纯收入 ' || 本期原文 || ' 元，' || CAST(:g15_lag_months AS VARCHAR) || ' 个月前的导出为 ' || 对比期原文
       || ' 元，' || CASE WHEN 本期 > 对比期 THEN '增加约 ' ELSE '减少约 ' END
       || {{ shared.number_text("幅度") }}
       || '%，变化超过对比期的 ' || {{ shared.number_text("阈值") }} || '%，请核实' AS 说明
FROM (SELECT c.*, ROUND(ABS(CAST(本期 AS DOUBLE) - CAST(对比期 AS DOUBLE)) * 100 / CAST(对比期 AS DOUBLE), 1) AS 幅度,
             CAST(:g15_change * 100 AS DOUBLE) AS 阈值
      FROM c) AS d
WHERE CASE WHEN 精确 = 1 THEN ABS(本期 - 对比期) > :g15_change * 对比期
           ELSE ABS(CAST(本期 AS DOUBLE) - CAST(对比期 AS DOUBLE)) > :g15_change * CAST(对比期 AS DOUBLE) END
