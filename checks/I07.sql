-- I07 已消除风险未填写风险消除后收入、三保障和饮水状况：已消除 且 下列字段中导出含有的（含列_ = 1）任一在户内
-- 所有活动行均为空（户值为空）。问题字段 列出这些字段。
SELECT _row, SUBSTR(f, 2) AS 问题字段, '已消除风险，但以下字段在户内均为空：' || SUBSTR(f, 2) AS 说明
FROM (SELECT _row,
             CASE WHEN 含列_风险消除后工资性收入 = 1 AND 风险消除后工资性收入 IS NULL
                  THEN '、风险消除后工资性收入' ELSE '' END
             || CASE WHEN 含列_风险消除后财产性收入 = 1 AND 风险消除后财产性收入 IS NULL
                     THEN '、风险消除后财产性收入' ELSE '' END
             || CASE WHEN 含列_风险消除后转移性收入 = 1 AND 风险消除后转移性收入 IS NULL
                     THEN '、风险消除后转移性收入' ELSE '' END
             || CASE WHEN 含列_风险消除后生产经营性收入 = 1 AND 风险消除后生产经营性收入 IS NULL
                     THEN '、风险消除后生产经营性收入' ELSE '' END
             || CASE WHEN 含列_义务教育保障 = 1 AND 义务教育保障 IS NULL THEN '、义务教育保障' ELSE '' END
             || CASE WHEN 含列_住房安全保障 = 1 AND 住房安全保障 IS NULL THEN '、住房安全保障' ELSE '' END
             || CASE WHEN 含列_饮水安全保障 = 1 AND 饮水安全保障 IS NULL THEN '、饮水安全保障' ELSE '' END AS f
      FROM households
      WHERE 已消除 = 1) AS h
WHERE f <> ''
