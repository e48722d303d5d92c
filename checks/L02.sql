-- L02 导出享受低保但当期低保清单中没有此人（rules.csv L02；需要低保清单；清单可能滞后，非必改）。
-- 是否享受低保 = 是 或 享受低保政策情况 ∈ {城市低保, 农村低保} 的活动成员，证件号码可用（证件键非空），
-- 当期低保清单中没有同一证件键的行、也没有疑似匹配到此人的行时标记。
SELECT m._row,
       CASE WHEN m.是否享受低保 = '是' THEN '是否享受低保' ELSE '享受低保政策情况' END AS 问题字段,
       '导出为享受低保，但当期低保清单（' || (SELECT min(x._file) FROM lists x WHERE x.清单 = '低保' AND x.当期 = 1)
       || '）中没有此人' AS 说明
FROM members m
WHERE (m.是否享受低保 = '是' OR m.享受低保政策情况 IN ('城市低保', '农村低保'))
  AND m.证件键 IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM lists l WHERE l.清单 = '低保' AND l.当期 = 1 AND l.证件键 = m.证件键)
  AND NOT EXISTS (SELECT 1 FROM lists l WHERE l.清单 = '低保' AND l.当期 = 1 AND l.匹配行 = m._row)
