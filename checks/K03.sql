-- K03 动态数据更新不及时（年度滞后）：期望年度 E = ref_date 的年份，ref_date 的月份 ≤ k03_grace_months 时
-- E = 年份 − 1。户值(年度) 为空、不是4位整数、< E 或 > ref_date 的年份 时标记。
SELECT _row,
       CASE WHEN 年度 IS NULL THEN '年度为空'
            WHEN 数_年度 IS NULL OR 数_年度 <> FLOOR(数_年度) OR 数_年度 < 1000 OR 数_年度 > 9999
                 THEN '年度 ' || 年度 || ' 不是4位整数'
            WHEN 数_年度 < 期望年度
                 THEN '年度 ' || 年度 || ' 早于应更新到的年度 ' || CAST(期望年度 AS VARCHAR) || '，数据未及时更新'
            ELSE '年度 ' || 年度 || ' 晚于数据期末所在年份 ' || CAST(:ref_year AS VARCHAR) END AS 说明
FROM (SELECT _row, 年度, 数_年度,
             :ref_year - CASE WHEN :ref_month <= :k03_grace_months THEN 1 ELSE 0 END AS 期望年度
      FROM households) AS h
WHERE 年度 IS NULL
   OR 数_年度 IS NULL OR 数_年度 <> FLOOR(数_年度) OR 数_年度 < 1000 OR 数_年度 > 9999
   OR 数_年度 < 期望年度 OR 数_年度 > :ref_year
