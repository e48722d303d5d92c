-- H13 识别认定超时（超过15天）：线索日期取历史库中该户的部门预警线索日期（clue_dates，reconcile/clues.py；
-- 有线索时优先），否则取 风险线索发现时间 列；两者都没有时不执行（meta.any_of）。
-- 监测户 且 两个时间都可解析时（线索按完整日期 ymd，识别按年月 ym）：
-- 识别监测时间能按完整日期解析时，识别日期 − 线索日期 > max_ident_days 天则标记；
-- 只有年月时，ym(识别监测时间) > ym(线索日期 + max_ident_days 天) 则标记，
-- 即 识别月首日 − 线索日期 > max_ident_days（日_识别监测月首，prepare._derive_H）。
SELECT _row,
       CASE WHEN 线索来源 IS NOT NULL THEN '识别监测时间' ELSE '识别监测时间、风险线索发现时间' END AS 问题字段,
       CASE WHEN 线索来源 IS NOT NULL THEN 线索来源 || ' ' || 线索日期文本
            ELSE '风险线索发现时间 ' || 风险线索发现时间 END
       || CASE WHEN 日_识别监测时间 IS NOT NULL
            THEN '，识别监测时间 ' || 识别监测时间 || '，相隔 '
                 || CAST(日_识别监测时间 - 线索日 AS VARCHAR) || ' 天，超过 '
                 || CAST(:max_ident_days AS VARCHAR) || ' 天'
            ELSE '，识别监测时间 ' || 识别监测时间
                 || '（只有年月）晚于线索发现后第 ' || CAST(:max_ident_days AS VARCHAR) || ' 天所在的月份，超过 '
                 || CAST(:max_ident_days AS VARCHAR) || ' 天' END AS 说明
FROM (
    SELECT h._row, h.监测户, h.风险线索发现时间, h.识别监测时间, h.日_识别监测时间, h.月_识别监测时间, h.日_识别监测月首,
           c.线索来源, c.线索日期文本, coalesce(c.线索日, h.日_风险线索发现时间) AS 线索日
    FROM households h LEFT JOIN clue_dates c ON c.户编号 = h.户编号
) AS t
WHERE 监测户 = 1 AND 线索日 IS NOT NULL AND 月_识别监测时间 IS NOT NULL
  AND CASE WHEN 日_识别监测时间 IS NOT NULL THEN 日_识别监测时间 - 线索日 > :max_ident_days
           ELSE 日_识别监测月首 - 线索日 > :max_ident_days END
