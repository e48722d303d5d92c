-- E06 工资性收入明显低于务工月数（rules.csv E06）：M = 户内活动成员 数(务工时间（月）) 之和（空或非数值
-- 按 0，即 households.务工月数合计，DOUBLE：填成天文数字的月数也能相加，由 E02 报告）；W = 数(户值(工资性收入))。
-- M > 0 且 W > 0 且 W ÷ M < min_monthly_wage。
{% import "_macros.sql" as shared %}
SELECT _row,
       '工资性收入' AS 问题字段,
       '工资性收入 ' || 工资性收入 || ' 元，户内务工月数合计 ' || {{ shared.number_text("务工月数合计") }}
       || ' 个月，月均约 ' || {{ shared.number_text("FLOOR(数_工资性收入 / 务工月数合计)") }} || ' 元，低于 '
       || :min_monthly_wage || ' 元' AS 说明
FROM households
WHERE 务工月数合计 > 0 AND 数_工资性收入 > 0 AND 数_工资性收入 < :min_monthly_wage * 务工月数合计
