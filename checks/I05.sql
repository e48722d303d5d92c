-- I05 当月及次月消除风险（不含自然消除）：已消除 且 风险消除方式 = 帮扶消除 且 两个时间都可解析
-- 且 0 ≤ 月差(识别监测时间, 消除监测时间) ≤ i05_max_months。
SELECT _row,
       '识别监测时间 ' || 识别监测时间 || '，消除监测时间 ' || 消除监测时间 || '，相差 '
       || CAST(月_消除监测时间 - 月_识别监测时间 AS VARCHAR) || ' 个月即帮扶消除'
       || CASE WHEN 月_消除监测时间 = 月_识别监测时间 THEN '（当月消除）' ELSE '' END AS 说明
FROM households
WHERE 已消除 = 1 AND 风险消除方式 = '帮扶消除'
  AND 月_识别监测时间 IS NOT NULL AND 月_消除监测时间 IS NOT NULL
  AND 月_消除监测时间 - 月_识别监测时间 >= 0
  AND 月_消除监测时间 - 月_识别监测时间 <= :i05_max_months
