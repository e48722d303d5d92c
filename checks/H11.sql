-- H11 识别监测时间为空、格式错误或晚于报告月：监测户 且（户值(识别监测时间) 为空，或无法按年月解析〔含月份不在 1–12〕，
-- 或 ym(识别监测时间) > 报告月）时标记（子类：为空 / 无法识别 / 晚于报告月）。
SELECT _row, '识别监测时间' AS 问题字段,
       CASE WHEN 识别监测时间 IS NULL THEN '识别监测时间为空（监测户必填）'
            WHEN 月_识别监测时间 IS NULL
                 THEN '识别监测时间无法识别：“' || 识别监测时间 || '”不能按年月解析（应为 YYYYMM，如 202208）'
            ELSE '识别监测时间晚于报告月：' || 识别监测时间 || ' 晚于报告月 ' || CAST(:ref_year AS VARCHAR)
                 || CASE WHEN :ref_month < 10 THEN '0' ELSE '' END || CAST(:ref_month AS VARCHAR) END AS 说明
FROM households
WHERE 监测户 = 1
  AND (识别监测时间 IS NULL OR 月_识别监测时间 IS NULL OR 月_识别监测时间 > :report_month)
