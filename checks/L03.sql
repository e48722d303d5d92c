-- L03 特困清单有此人但导出为不享受特困供养（rules.csv L03；需要特困清单）。当期特困清单（日期最新的特困清单文件）
-- 中按证件号码匹配到的活动成员，其 是否特困供养人员 = 否 或 享受特困供养政策情况 = 不享受 时标记（导出有哪一列看哪一列，
-- 两列都有时任一为否即标记）。只按姓名+村疑似匹配的行不判定（reconcile/load.py）。
SELECT m._row,
       CASE WHEN m.是否特困供养人员 = '否' THEN '是否特困供养人员' ELSE '享受特困供养政策情况' END AS 问题字段,
       '特困清单（' || l._file || ' 第 ' || CAST(l._line AS VARCHAR) || ' 行'
       || CASE WHEN l.供养方式 IS NOT NULL THEN '，' || l.供养方式 ELSE '' END
       || '）中有此人，导出却为不享受特困供养' AS 说明
FROM members m
JOIN (SELECT 证件键, min(_row) AS lr FROM lists
      WHERE 清单 = '特困' AND 当期 = 1 AND 匹配方式 = '证件号码' GROUP BY 证件键) k ON k.证件键 = m.证件键
JOIN lists l ON l._row = k.lr
WHERE m.是否特困供养人员 = '否' OR m.享受特困供养政策情况 = '不享受'
