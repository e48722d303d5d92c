-- L07 医保清单显示参保但导出未参加基本医疗保险（rules.csv L07；需要医保清单）。医保清单中按证件号码匹配到、
-- 清单显示参保的活动成员（清单有参保状态列时按该列；没有时，医保结算清单上的人即参保人），导出中
-- 是否参加城乡居民基本医疗保险、是否参加城镇职工基本医疗保险 至少一列为否、且没有一列为是时标记。
SELECT m._row,
       CASE WHEN m.是否参加城乡居民基本医疗保险 = '否' THEN '是否参加城乡居民基本医疗保险'
            ELSE '是否参加城镇职工基本医疗保险' END AS 问题字段,
       '医保清单（' || l._file || ' 第 ' || CAST(l._line AS VARCHAR) || ' 行'
       || CASE WHEN l.参保状态 IS NOT NULL THEN '，参保状态“' || l.参保状态 || '”' ELSE '，有医保结算记录' END
       || '）显示此人参保，导出却为未参加基本医疗保险' AS 说明
FROM members m
JOIN (SELECT 证件键, min(_row) AS lr FROM lists
      WHERE 清单 = '医保' AND 匹配方式 = '证件号码' AND 清单参保 = 1 GROUP BY 证件键) k ON k.证件键 = m.证件键
JOIN lists l ON l._row = k.lr
WHERE (m.是否参加城乡居民基本医疗保险 = '否' OR m.是否参加城镇职工基本医疗保险 = '否')
  AND coalesce(m.是否参加城乡居民基本医疗保险, '') <> '是' AND coalesce(m.是否参加城镇职工基本医疗保险, '') <> '是'
