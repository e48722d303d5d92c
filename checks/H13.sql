-- H13 识别认定超时（超过15天）：导出含 风险线索发现时间 列时才执行（该字段为必需字段，缺列即不执行）。
-- 监测户 且 两个时间都可解析时（线索按完整日期 ymd，识别按年月 ym）：
-- 识别监测时间能按完整日期解析时，识别日期 − 线索日期 > max_ident_days 天则标记；
-- 只有年月时，ym(识别监测时间) > ym(线索日期 + max_ident_days 天) 则标记，
-- 即 识别月首日 − 线索日期 > max_ident_days（日_识别监测月首，prepare._derive_H）。
SELECT _row, '识别监测时间、风险线索发现时间' AS 问题字段,
       CASE WHEN 日_识别监测时间 IS NOT NULL
            THEN '风险线索发现时间 ' || 风险线索发现时间 || '，识别监测时间 ' || 识别监测时间 || '，相隔 '
                 || CAST(日_识别监测时间 - 日_风险线索发现时间 AS VARCHAR) || ' 天，超过 '
                 || CAST(:max_ident_days AS VARCHAR) || ' 天'
            ELSE '风险线索发现时间 ' || 风险线索发现时间 || '，识别监测时间 ' || 识别监测时间
                 || '（只有年月）晚于线索发现后第 ' || CAST(:max_ident_days AS VARCHAR) || ' 天所在的月份，超过 '
                 || CAST(:max_ident_days AS VARCHAR) || ' 天' END AS 说明
FROM households
WHERE 监测户 = 1 AND 日_风险线索发现时间 IS NOT NULL AND 月_识别监测时间 IS NOT NULL
  AND CASE WHEN 日_识别监测时间 IS NOT NULL THEN 日_识别监测时间 - 日_风险线索发现时间 > :max_ident_days
           ELSE 日_识别监测月首 - 日_风险线索发现时间 > :max_ident_days END
