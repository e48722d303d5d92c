-- F01 监测对象未填写识别时间、风险类型、收入、三保障和饮水安全状况（rules.csv F01）。监测户 且 以下
-- 导出中存在的字段（households.F01现有字段，见 prepare._derive_F）任一在户内所有活动行均为空（户值为空）
-- 时标记，列出为空的字段。与 H01、H11、G04 有意重叠。
SELECT _row, SUBSTR(f, 2) AS 问题字段, '监测户以下字段在户内均为空：' || SUBSTR(f, 2) AS 说明
FROM (
    SELECT _row,
           CASE WHEN F01现有字段 LIKE '%,识别监测时间,%' AND 识别监测时间 IS NULL THEN '、识别监测时间' ELSE '' END
           || CASE WHEN F01现有字段 LIKE '%,工资性收入,%' AND 工资性收入 IS NULL THEN '、工资性收入' ELSE '' END
           || CASE WHEN F01现有字段 LIKE '%,致贫/返贫风险1,%' AND "致贫/返贫风险1" IS NULL
                   THEN '、致贫/返贫风险1' ELSE '' END
           || CASE WHEN F01现有字段 LIKE '%,是否解决安全饮用水,%' AND 是否解决安全饮用水 IS NULL
                   THEN '、是否解决安全饮用水' ELSE '' END
           || CASE WHEN F01现有字段 LIKE '%,饮水安全保障,%' AND 饮水安全保障 IS NULL THEN '、饮水安全保障' ELSE '' END
           || CASE WHEN F01现有字段 LIKE '%,住房安全保障,%' AND 住房安全保障 IS NULL THEN '、住房安全保障' ELSE '' END
           || CASE WHEN F01现有字段 LIKE '%,义务教育保障,%' AND 义务教育保障 IS NULL THEN '、义务教育保障' ELSE '' END
           AS f
    FROM households
    WHERE 监测户 = 1
) AS t
WHERE f <> ''
