-- J04 帮扶措施长期未更新：需要一份报告月 ≤ 本期报告月 − stale_months 的历史导出，取其中最近的一份 H
-- （stale_households；没有则不执行，见 meta.previous = stale）。按户编号匹配，该户在 H 与本期都为未消除，
-- 且 @措施 每一列的户内取值集合（拆分多值、规范化、去重排序后）两期完全相同时标记。
-- 措施签名（prepare.py）是各措施列的取值集合，按列名排列，形如 “健康帮扶=医疗救助;就业帮扶=就业服务”；空集合的列
-- 不出现，所以一期导出没有某列、另一期该列为空，视为相同。两期都全空也是“完全相同”。
SELECT h._row,
       '风险未消除，帮扶措施与 ' || CAST(:stale_months AS VARCHAR) || ' 个月及以上之前的导出完全相同（'
       || CASE WHEN h.措施签名 = '' THEN '两期均无任何帮扶措施'
               ELSE REPLACE(REPLACE(h.措施签名, ';', '；'), '=', '：') END
       || '），请核实帮扶措施是否已更新' AS 说明
FROM households h
JOIN stale_households s ON s.household = h.户编号
WHERE h.未消除 = 1 AND s.unremoved = 1 AND h.措施签名 = COALESCE(s.measures, '')
