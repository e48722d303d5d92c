-- L06 残疾类别与残联清单不一致（rules.csv L06；需要残联清单）。残联清单中按证件号码匹配到、健康状况含残疾的
-- 活动成员，导出的 残疾类别 与清单的残疾类别（去掉“残疾”二字：肢体残疾 = 肢体）都非空且不同时标记。
-- 导出没有残疾等级字段，等级不比较（清单的等级写在说明里）。
SELECT m._row, '残疾类别' AS 问题字段,
       '残联清单（' || l._file || ' 第 ' || CAST(l._line AS VARCHAR) || ' 行）残疾类别为“' || l.残疾类别 || '”'
       || CASE WHEN l.残疾等级 IS NOT NULL THEN '（' || l.残疾等级 || '）' ELSE '' END
       || '，导出为“' || m.残疾类别 || '”' AS 说明
FROM members m
JOIN (SELECT 证件键, min(_row) AS lr FROM lists
      WHERE 清单 = '残联' AND 匹配方式 = '证件号码' AND 残疾类别简称 <> '' GROUP BY 证件键) k ON k.证件键 = m.证件键
JOIN lists l ON l._row = k.lr
WHERE m.含残疾 = 1 AND m.残疾类别 IS NOT NULL AND replace(m.残疾类别, '残疾', '') <> l.残疾类别简称
