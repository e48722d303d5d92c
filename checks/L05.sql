-- L05 残联清单有此人但健康状况无残疾（rules.csv L05；需要残联清单）。残联清单中按证件号码匹配到的活动成员，
-- 健康状况（多值）不含“残疾”时标记（健康状况为空也标记：残联登记了残疾）。
SELECT m._row, '健康状况' AS 问题字段,
       '残联清单（' || l._file || ' 第 ' || CAST(l._line AS VARCHAR) || ' 行'
       || CASE WHEN l.残疾类别 IS NOT NULL OR l.残疾等级 IS NOT NULL
               THEN '，' || coalesce(l.残疾类别, '') || coalesce(l.残疾等级, '') ELSE '' END
       || '）登记此人残疾，导出健康状况' || CASE WHEN m.健康状况 IS NULL THEN '为空' ELSE '不含残疾' END AS 说明
FROM members m
JOIN (SELECT 证件键, min(_row) AS lr FROM lists WHERE 清单 = '残联' AND 匹配方式 = '证件号码' GROUP BY 证件键) k
  ON k.证件键 = m.证件键
JOIN lists l ON l._row = k.lr
WHERE m.含残疾 = 0
