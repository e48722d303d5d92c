-- L09 住建鉴定为C/D级危房但导出不是危房户（rules.csv L09；需要住建清单）。住建清单中危房等级为 C 或 D 级、
-- 按证件号码匹配到某户成员的行，该户 是否危房户 = 否 时标记该户。
SELECT h._row, '是否危房户' AS 问题字段,
       '住建清单（' || l._file || ' 第 ' || CAST(l._line AS VARCHAR) || ' 行，' || coalesce(l.姓名, '')
       || ' 危房等级“' || l.危房等级 || '”）鉴定为危房，导出是否危房户为否' AS 说明
FROM households h
JOIN (SELECT 匹配户编号, min(_row) AS lr FROM lists
      WHERE 清单 = '住建' AND 匹配方式 = '证件号码' AND 危房CD = 1 GROUP BY 匹配户编号) k ON k.匹配户编号 = h.户编号
JOIN lists l ON l._row = k.lr
WHERE h.是否危房户 = '否'
