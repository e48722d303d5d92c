-- K02 上期问题未整改（第二阶段：读本次运行的 findings 与上期保存的审核结果 prev_findings）。
-- 发现键（rules.md 第 5 节）在上期与本期都出现，且该规则本期的生效类别为必改时，标记该户，列出仍未整改的
-- 规则编号与对象；k02_include_nonmandatory = true 时也比较非必改规则，只由非必改规则产生的 K02 发现记为非必改
-- （返回的 类别 列：只会降为非必改，配置中 K02 自身的类别仍然有效）。K01–K03 自身不参与比较。户编号为空的行上的
-- 人级发现不属于任何户，不报告。说明按规则编号、行号列出前 5 项，多于 5 项注明项数（不用 STRING_AGG … ORDER BY，
-- SQLite < 3.44 不支持）。
WITH s AS (
    SELECT 户编号, 类别, 规则编号 || ' ' || 规则名称
                  || CASE WHEN 层级 = '人' THEN '（' || CASE WHEN 姓名 = '' THEN '姓名为空' ELSE 姓名 END || '）'
                          ELSE '' END AS 项,
           ROW_NUMBER() OVER (PARTITION BY 户编号 ORDER BY 规则编号, _row, 发现键) AS k,
           COUNT(*) OVER (PARTITION BY 户编号) AS n
    FROM findings
    WHERE 规则编号 NOT IN ('K01', 'K02', 'K03') AND 户编号 <> ''
      AND (类别 = '必改' OR :k02_include_nonmandatory = 1)
      AND 发现键 IN (SELECT finding_key FROM prev_findings)
),
l AS (
    SELECT 户编号, MAX(n) AS n, MAX(CASE WHEN 类别 = '必改' THEN 1 ELSE 0 END) AS 有必改,
           MAX(CASE WHEN k = 1 THEN 项 END) || COALESCE(MAX(CASE WHEN k = 2 THEN '；' || 项 END), '')
           || COALESCE(MAX(CASE WHEN k = 3 THEN '；' || 项 END), '') || COALESCE(MAX(CASE WHEN k = 4 THEN '；' || 项 END), '')
           || COALESCE(MAX(CASE WHEN k = 5 THEN '；' || 项 END), '') AS 清单
    FROM s GROUP BY 户编号
)
SELECT h._row,
       '上期已发现的 ' || CAST(l.n AS VARCHAR) || ' 个问题本期仍未整改：' || l.清单
       || CASE WHEN l.n > 5 THEN ' 等 ' || CAST(l.n AS VARCHAR) || ' 项' ELSE '' END AS 说明,
       CASE WHEN l.有必改 = 1 THEN NULL ELSE '非必改' END AS 类别
FROM households h
JOIN l ON l.户编号 = h.户编号
