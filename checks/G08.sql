-- G08 收入高于监测范围且非突发严重困难户而被识别：
-- 未消除 且 监测对象类别 ∈ {脱贫不稳定户,边缘易致贫户} 且 户值(人均纯收入) 为数值时判定：
-- 调整后人均 = 人均纯收入 − 合规自付支出 ÷ P（合规自付支出为空或非数值按 0；P 取法同 G02；
-- g08_deduct_expense=false 时不扣减）；调整后人均 ≥ income_threshold(ref_date)（households.收入线）时标记。
-- 未配置阈值（收入线为 NULL）时不判定。按 DECIMAL 精确比较 人均 × P − 支出 ≥ 收入线 × P（P > 0）；
-- 任一数值绝对值 ≥ 10^12 时改按 DOUBLE 计算（DECIMAL 乘法可能溢出）。
WITH b AS (
  SELECT _row, 人均纯收入, 家庭人口数, 成员数, 数_人均纯收入 AS y,
         CASE WHEN :g08_deduct_expense = 1 THEN COALESCE(数_合规自付支出, 0) ELSE 0 END AS e,
         CASE WHEN 数_家庭人口数 > 0 AND 数_家庭人口数 = FLOOR(数_家庭人口数) THEN 1 ELSE 0 END AS 用人口数,
         CASE WHEN 数_家庭人口数 > 0 AND 数_家庭人口数 = FLOOR(数_家庭人口数) THEN 数_家庭人口数 ELSE 成员数 END AS p,
         CAST(收入线 AS DECIMAL(38, 6)) AS t
  FROM households
  WHERE 未消除 = 1 AND 监测对象类别 IN ('脱贫不稳定户', '边缘易致贫户')
    AND 数_人均纯收入 IS NOT NULL AND 收入线 IS NOT NULL
), d AS (
  SELECT _row, 人均纯收入, 家庭人口数, 成员数, 用人口数, p, t, e,
         CAST(y AS DOUBLE) - CAST(e AS DOUBLE) / CAST(p AS DOUBLE) AS 调整后
  FROM b
  WHERE CASE WHEN ABS(y) < 1000000000000 AND ABS(e) < 1000000000000 AND p < 1000000000000
             THEN y * p - e >= t * p
             ELSE CAST(y AS DOUBLE) - CAST(e AS DOUBLE) / CAST(p AS DOUBLE) >= CAST(t AS DOUBLE) END
)
SELECT _row,
       CASE WHEN e <> 0 THEN '人均纯收入、合规自付支出' ELSE '人均纯收入' END AS 问题字段,
       '人均纯收入 ' || 人均纯收入 || ' 元'
         || CASE WHEN e <> 0
                 THEN '，扣除合规自付支出 '
                      || CASE WHEN e = FLOOR(e) AND ABS(e) < 1000000000000000 THEN CAST(CAST(e AS BIGINT) AS VARCHAR)
                              ELSE CAST(CAST(e AS DECIMAL(38, 2)) AS VARCHAR) END
                      || ' 元 ÷ ' || CASE WHEN 用人口数 = 1 THEN '家庭人口数 ' || 家庭人口数
                                           ELSE '成员行数 ' || CAST(成员数 AS VARCHAR) END
                      || ' 后为 '
                      || CASE WHEN 调整后 = FLOOR(调整后) AND ABS(调整后) < 1000000000000000 THEN CAST(CAST(调整后 AS BIGINT) AS VARCHAR)
                              ELSE CAST(CAST(调整后 AS DECIMAL(38, 2)) AS VARCHAR) END || ' 元'
                 ELSE '' END
         || '，不低于监测收入线 '
         || CASE WHEN t = FLOOR(t) AND ABS(t) < 1000000000000000 THEN CAST(CAST(t AS BIGINT) AS VARCHAR)
                 ELSE CAST(CAST(t AS DECIMAL(38, 2)) AS VARCHAR) END
         || ' 元，监测对象类别却为脱贫不稳定户或边缘易致贫户（非突发严重困难户）' AS 说明
FROM d
