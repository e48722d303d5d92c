-- G02 人均纯收入计算错误：户值(人均纯收入) 为数值时判定。
-- N = 户值(家庭纯收入)（为数值时）；否则四项收入与生产经营性支出都为数值时 N = 四项之和 − 生产经营性支出；否则不判定。
-- P = 户值(家庭人口数)（为正整数时），否则 P = 户内活动行数（成员数）。
-- |N ÷ P − 人均纯收入| > per_capita_tolerance 时标记；按 DECIMAL 精确比较 |N − 人均纯收入 × P| > 容差 × P（P > 0），
-- 任一数值绝对值 ≥ 10^12 时 DECIMAL 乘法可能溢出，这时改按 DOUBLE 计算。
WITH b AS (
  SELECT _row, 人均纯收入, 家庭纯收入, 家庭人口数, 成员数, 数_人均纯收入 AS y,
         数_家庭纯收入, 数_工资性收入, 数_生产经营性收入, 数_财产性收入, 数_转移性收入, 数_生产经营性支出,
         CASE WHEN 数_家庭纯收入 IS NOT NULL THEN 1 ELSE 0 END AS 用家庭纯收入,
         CASE WHEN 数_家庭人口数 > 0 AND 数_家庭人口数 = FLOOR(数_家庭人口数) THEN 1 ELSE 0 END AS 用人口数,
         CASE WHEN 数_家庭人口数 > 0 AND 数_家庭人口数 = FLOOR(数_家庭人口数) THEN 数_家庭人口数 ELSE 成员数 END AS p
  FROM households
  WHERE 数_人均纯收入 IS NOT NULL
    AND (数_家庭纯收入 IS NOT NULL
         OR (数_工资性收入 IS NOT NULL AND 数_生产经营性收入 IS NOT NULL AND 数_财产性收入 IS NOT NULL
             AND 数_转移性收入 IS NOT NULL AND 数_生产经营性支出 IS NOT NULL))
), c AS (
  SELECT _row, 人均纯收入, 家庭纯收入, 家庭人口数, 成员数, y, p, 用家庭纯收入, 用人口数,
         CASE WHEN ABS(y) < 1000000000000 AND p < 1000000000000
                   AND CASE WHEN 用家庭纯收入 = 1 THEN ABS(数_家庭纯收入) < 1000000000000
                            ELSE ABS(数_工资性收入) < 1000000000000 AND ABS(数_生产经营性收入) < 1000000000000
                                 AND ABS(数_财产性收入) < 1000000000000 AND ABS(数_转移性收入) < 1000000000000
                                 AND ABS(数_生产经营性支出) < 1000000000000 END
              THEN CASE WHEN 用家庭纯收入 = 1 THEN 数_家庭纯收入
                        ELSE 数_工资性收入 + 数_生产经营性收入 + 数_财产性收入 + 数_转移性收入 - 数_生产经营性支出 END
         END AS n精确,
         CASE WHEN 用家庭纯收入 = 1 THEN CAST(数_家庭纯收入 AS DOUBLE)
              ELSE CAST(数_工资性收入 AS DOUBLE) + CAST(数_生产经营性收入 AS DOUBLE) + CAST(数_财产性收入 AS DOUBLE)
                   + CAST(数_转移性收入 AS DOUBLE) - CAST(数_生产经营性支出 AS DOUBLE) END AS n近似
  FROM b
), d AS (
  SELECT _row, 人均纯收入, 家庭纯收入, 家庭人口数, 成员数, 用家庭纯收入, 用人口数, p, n近似,
         n近似 / CAST(p AS DOUBLE) AS 计算人均,
         ABS(n近似 / CAST(p AS DOUBLE) - CAST(y AS DOUBLE)) AS 差
  FROM c
  WHERE CASE WHEN n精确 IS NOT NULL THEN ABS(n精确 - y * p) > :per_capita_tolerance * p
             ELSE ABS(n近似 / CAST(p AS DOUBLE) - CAST(y AS DOUBLE)) > :per_capita_tolerance END
)
SELECT _row,
       '人均纯收入、'
         || CASE WHEN 用家庭纯收入 = 1 THEN '家庭纯收入'
                 ELSE '工资性收入、生产经营性收入、财产性收入、转移性收入、生产经营性支出' END
         || CASE WHEN 用人口数 = 1 THEN '、家庭人口数' ELSE '' END AS 问题字段,
       CASE WHEN 用家庭纯收入 = 1 THEN '家庭纯收入 ' || 家庭纯收入
            ELSE '家庭纯收入为空或非数值，按四项收入 − 生产经营性支出 = '
                 || CASE WHEN n近似 = FLOOR(n近似) AND ABS(n近似) < 1000000000000000 THEN CAST(CAST(n近似 AS BIGINT) AS VARCHAR)
                         ELSE CAST(CAST(n近似 AS DECIMAL(38, 2)) AS VARCHAR) END END
         || ' 元 ÷ '
         || CASE WHEN 用人口数 = 1 THEN '家庭人口数 ' || 家庭人口数
                 WHEN 家庭人口数 IS NULL THEN '成员行数 ' || CAST(成员数 AS VARCHAR) || '（家庭人口数为空）'
                 ELSE '成员行数 ' || CAST(成员数 AS VARCHAR) || '（家庭人口数“' || 家庭人口数 || '”不是正整数）' END
         || ' = '
         || CASE WHEN 计算人均 = FLOOR(计算人均) AND ABS(计算人均) < 1000000000000000 THEN CAST(CAST(计算人均 AS BIGINT) AS VARCHAR)
                 ELSE CAST(CAST(计算人均 AS DECIMAL(38, 2)) AS VARCHAR) END
         || ' 元，人均纯收入填报 ' || 人均纯收入 || ' 元，相差 '
         || CASE WHEN 差 = FLOOR(差) AND ABS(差) < 1000000000000000 THEN CAST(CAST(差 AS BIGINT) AS VARCHAR)
                 ELSE CAST(CAST(差 AS DECIMAL(38, 2)) AS VARCHAR) END
         || ' 元（容差 ' || CAST(:per_capita_tolerance AS VARCHAR) || ' 元）' AS 说明
FROM d
