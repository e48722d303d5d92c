-- I06 风险消除时收入稳定期不足半年：已消除 且 风险消除方式 = 帮扶消除 且 两个时间都可解析
-- 且 i05_max_months < 月差(识别监测时间, 消除监测时间) < stable_months（月差 ≤ i05_max_months 的由 I05 报告）。
SELECT _row,
       '识别监测时间 ' || 识别监测时间 || '，消除监测时间 ' || 消除监测时间 || '，相差 '
       || CAST(月_消除监测时间 - 月_识别监测时间 AS VARCHAR) || ' 个月即帮扶消除，收入稳定期不足 '
       || CAST(:stable_months AS VARCHAR) || ' 个月' AS 说明
FROM households
WHERE 已消除 = 1 AND 风险消除方式 = '帮扶消除'
  AND 月_识别监测时间 IS NOT NULL AND 月_消除监测时间 IS NOT NULL
  AND 月_消除监测时间 - 月_识别监测时间 > :i05_max_months
  AND 月_消除监测时间 - 月_识别监测时间 < :stable_months
