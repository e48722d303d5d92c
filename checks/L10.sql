-- L10 部门清单中的乡镇或村与导出不一致（rules.csv L10；需要任一部门清单）。按证件号码匹配到的活动成员，
-- 清单的 乡镇 或 村 非空且与导出的不同时标记（比较时去掉 镇/乡/街道、村/社区/村委会 等后缀：涞源镇 = 涞源，
-- 东关村 = 东关村委会）。一人在几张清单上都不一致时只报第一张。
SELECT m._row,
       '乡、村' AS 问题字段,
       l.清单 || '清单（' || l._file || ' 第 ' || CAST(l._line AS VARCHAR) || ' 行）中此人在 '
       || coalesce(l.乡镇, '') || coalesce(l.村, '') || '，导出为 ' || coalesce(m.乡镇, '') || coalesce(m.村, '') AS 说明
FROM members m
JOIN (SELECT 证件键, min(_row) AS lr FROM lists WHERE 匹配方式 = '证件号码' AND 地址不符 = 1 GROUP BY 证件键) k
  ON k.证件键 = m.证件键
JOIN lists l ON l._row = k.lr
