-- L08 医保清单显示未参保但导出为已参保（rules.csv L08；需要医保清单，且清单有参保状态列）。医保清单中按证件号码
-- 匹配到、参保状态为未参保/停保/断保等的活动成员，导出中 是否参加城乡居民基本医疗保险 或
-- 是否参加城镇职工基本医疗保险 为是时标记。
SELECT m._row,
       CASE WHEN m.是否参加城乡居民基本医疗保险 = '是' THEN '是否参加城乡居民基本医疗保险'
            ELSE '是否参加城镇职工基本医疗保险' END AS 问题字段,
       '医保清单（' || l._file || ' 第 ' || CAST(l._line AS VARCHAR) || ' 行）参保状态为“' || l.参保状态
       || '”，导出却为已参保' AS 说明
FROM members m
JOIN (SELECT 证件键, min(_row) AS lr FROM lists
      WHERE 清单 = '医保' AND 匹配方式 = '证件号码' AND 清单参保 = 0 GROUP BY 证件键) k ON k.证件键 = m.证件键
JOIN lists l ON l._row = k.lr
WHERE m.是否参加城乡居民基本医疗保险 = '是' OR m.是否参加城镇职工基本医疗保险 = '是'
