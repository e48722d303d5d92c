-- J02 有劳动力且未消除风险的监测对象未落实开发式帮扶措施（识别6个月及以上）：未消除 且 户内有活动成员
-- 劳动技能 ∈ {普通劳动力,技能劳动力,弱劳动力或半劳动力}（有劳动力人数 > 0）且 识别监测时间可解析
-- 且 月差(识别监测时间, 报告月) ≥ j02_min_months 且（开发式全空(户)，或 导出含 实施开发式帮扶措施情况
-- 且其户值 ∈ {空, 尚未实施}）。两种情形都成立时都列出。
SELECT _row,
       CASE WHEN 开发式全空 = 1 AND 未实施 = 1 THEN '产业帮扶、就业帮扶、金融帮扶、公益岗位帮扶、实施开发式帮扶措施情况'
            WHEN 开发式全空 = 1 THEN '产业帮扶、就业帮扶、金融帮扶、公益岗位帮扶'
            ELSE '实施开发式帮扶措施情况' END AS 问题字段,
       '有劳动力成员 ' || CAST(有劳动力人数 AS VARCHAR) || ' 人，识别监测时间 ' || 识别监测时间 || '，至报告月已 '
       || CAST(月数 AS VARCHAR) || ' 个月，'
       || CASE WHEN 开发式全空 = 1 THEN '开发式帮扶措施（产业、就业、金融、公益岗位帮扶）在户内均为空' ELSE '' END
       || CASE WHEN 开发式全空 = 1 AND 未实施 = 1 THEN '，' ELSE '' END
       || CASE WHEN 未实施 = 1
               THEN '实施开发式帮扶措施情况' || CASE WHEN 实施情况 IS NULL THEN '为空' ELSE '为 尚未实施' END
               ELSE '' END AS 说明
FROM (SELECT _row, 有劳动力人数, 识别监测时间, 开发式全空, 实施开发式帮扶措施情况 AS 实施情况,
             :report_month - 月_识别监测时间 AS 月数,
             CASE WHEN 含列_实施开发式帮扶措施情况 = 1
                       AND (实施开发式帮扶措施情况 IS NULL OR 实施开发式帮扶措施情况 = '尚未实施')
                  THEN 1 ELSE 0 END AS 未实施
      FROM households
      WHERE 未消除 = 1 AND 有劳动力人数 > 0
        AND 月_识别监测时间 IS NOT NULL AND :report_month - 月_识别监测时间 >= :j02_min_months) AS h
WHERE 开发式全空 = 1 OR 未实施 = 1
