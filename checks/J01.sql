-- J01 识别后1个月及以上未落实帮扶措施：未消除 且 监测对象类别 ∈ j01_categories 且 识别监测时间可解析
-- 且 月差(识别监测时间, 报告月) ≥ j01_min_months 且 措施全空(户)
-- 且 户值(实施开发式帮扶措施情况) ∈ {尚未实施, 空}（列不存在按空）。
SELECT _row,
       '识别监测时间 ' || 识别监测时间 || '，至报告月已 ' || CAST(:report_month - 月_识别监测时间 AS VARCHAR)
       || ' 个月，帮扶措施在户内均为空，实施开发式帮扶措施情况'
       || CASE WHEN 实施开发式帮扶措施情况 IS NULL THEN '为空' ELSE '为 尚未实施' END AS 说明
FROM households
WHERE 未消除 = 1 AND 监测对象类别 IN (:j01_categories)
  AND 月_识别监测时间 IS NOT NULL AND :report_month - 月_识别监测时间 >= :j01_min_months
  AND 措施全空 = 1
  AND (实施开发式帮扶措施情况 IS NULL OR 实施开发式帮扶措施情况 = '尚未实施')
