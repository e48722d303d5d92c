-- L04 导出为特困供养人员但当期特困清单中没有此人（rules.csv L04；需要特困清单；清单可能滞后，非必改）。
-- 是否特困供养人员 = 是 或 享受特困供养政策情况 ∈ {城市特困, 农村特困} 的活动成员，证件号码可用（证件键非空），
-- 当期特困清单中没有同一证件键的行、也没有疑似匹配到此人的行时标记。
SELECT m._row,
       CASE WHEN m.是否特困供养人员 = '是' THEN '是否特困供养人员' ELSE '享受特困供养政策情况' END AS 问题字段,
       '导出为特困供养人员，但当期特困清单（' || (SELECT min(x._file) FROM lists x WHERE x.清单 = '特困' AND x.当期 = 1)
       || '）中没有此人' AS 说明
FROM members m
WHERE (m.是否特困供养人员 = '是' OR m.享受特困供养政策情况 IN ('城市特困', '农村特困'))
  AND m.证件键 IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM lists l WHERE l.清单 = '特困' AND l.当期 = 1 AND l.证件键 = m.证件键)
  AND NOT EXISTS (SELECT 1 FROM lists l WHERE l.清单 = '特困' AND l.当期 = 1 AND l.匹配行 = m._row)
