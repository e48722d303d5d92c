-- G01 家庭纯收入计算错误：六项户值都能按金额解析时，
-- |工资性收入 + 生产经营性收入 + 财产性收入 + 转移性收入 − 生产经营性支出 − 家庭纯收入| > income_tolerance 时标记。
-- 任一项为空或非数值不判定（由 G03、G04 报告）。
-- 按 DECIMAL 精确计算；任一项绝对值 ≥ 10^12 元时 DECIMAL(38,6) 可能溢出，这时改按 DOUBLE 计算（不影响判定）。
WITH v AS (
  SELECT _row, 家庭纯收入,
         CASE WHEN ABS(数_工资性收入) < 1000000000000 AND ABS(数_生产经营性收入) < 1000000000000
                   AND ABS(数_财产性收入) < 1000000000000 AND ABS(数_转移性收入) < 1000000000000
                   AND ABS(数_生产经营性支出) < 1000000000000 AND ABS(数_家庭纯收入) < 1000000000000
              THEN 数_工资性收入 + 数_生产经营性收入 + 数_财产性收入 + 数_转移性收入 - 数_生产经营性支出 - 数_家庭纯收入
         END AS 精确差,
         CAST(数_工资性收入 AS DOUBLE) + CAST(数_生产经营性收入 AS DOUBLE) + CAST(数_财产性收入 AS DOUBLE)
           + CAST(数_转移性收入 AS DOUBLE) - CAST(数_生产经营性支出 AS DOUBLE) AS 计算值,
         CAST(数_家庭纯收入 AS DOUBLE) AS 填报值
  FROM households
  WHERE 数_工资性收入 IS NOT NULL AND 数_生产经营性收入 IS NOT NULL AND 数_财产性收入 IS NOT NULL
    AND 数_转移性收入 IS NOT NULL AND 数_生产经营性支出 IS NOT NULL AND 数_家庭纯收入 IS NOT NULL
), d AS (
  SELECT _row, 家庭纯收入, 计算值, ABS(计算值 - 填报值) AS 差
  FROM v
  WHERE CASE WHEN 精确差 IS NOT NULL THEN ABS(精确差) > :income_tolerance
             ELSE ABS(计算值 - 填报值) > :income_tolerance END
)
SELECT _row,
       '工资性收入、生产经营性收入、财产性收入、转移性收入、生产经营性支出、家庭纯收入' AS 问题字段,
       '工资性收入 + 生产经营性收入 + 财产性收入 + 转移性收入 − 生产经营性支出 = '
         || CASE WHEN 计算值 = FLOOR(计算值) AND ABS(计算值) < 1000000000000000 THEN CAST(CAST(计算值 AS BIGINT) AS VARCHAR)
                 ELSE CAST(CAST(计算值 AS DECIMAL(38, 2)) AS VARCHAR) END
         || ' 元，家庭纯收入填报 ' || 家庭纯收入 || ' 元，相差 '
         || CASE WHEN 差 = FLOOR(差) AND ABS(差) < 1000000000000000 THEN CAST(CAST(差 AS BIGINT) AS VARCHAR)
                 ELSE CAST(CAST(差 AS DECIMAL(38, 2)) AS VARCHAR) END
         || ' 元（容差 ' || CAST(:income_tolerance AS VARCHAR) || ' 元）' AS 说明
FROM d
