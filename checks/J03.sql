-- J03 有劳动力但仅有兜底措施：未消除 且 有劳动力人数 > 0 且（综合保障 或 社会帮扶 在户内非空）且 开发式全空(户)
-- 且 J02 未标记该户。在上述条件下 J02 成立当且仅当 识别监测时间可解析 且 月差(识别监测时间, 报告月) ≥ j02_min_months
-- （开发式全空 已满足 J02 的第一种情形），故排除这些户。不看识别时长。
SELECT _row,
       '有劳动力成员 ' || CAST(有劳动力人数 AS VARCHAR) || ' 人，只有兜底措施（'
       || CASE WHEN 有_综合保障 = 1 THEN '综合保障 ' || 综合保障 ELSE '' END
       || CASE WHEN 有_综合保障 = 1 AND 有_社会帮扶 = 1 THEN '；' ELSE '' END
       || CASE WHEN 有_社会帮扶 = 1 THEN '社会帮扶 ' || 社会帮扶 ELSE '' END
       || '），开发式帮扶措施（产业、就业、金融、公益岗位帮扶）在户内均为空' AS 说明
FROM households
WHERE 未消除 = 1 AND 有劳动力人数 > 0 AND (有_综合保障 = 1 OR 有_社会帮扶 = 1) AND 开发式全空 = 1
  AND NOT (月_识别监测时间 IS NOT NULL AND :report_month - 月_识别监测时间 >= :j02_min_months)
