-- D17 家中有中高职学生但未享受雨露计划：（脱贫户 或 监测户）且 户内有成员的在校生状况 ∈ yulu_grades
-- 且 户内没有任何活动行的 教育帮扶 或 义务教育保障 含“雨露”。
-- 教育帮扶、义务教育保障 两列都不存在，或 户类型、监测对象类别 两列都不存在时不执行（meta.any_of）。
-- 说明按文件顺序列出前 5 名中高职在校生（ROW_NUMBER 排序，结果确定）。
SELECT h._row,
       '教育帮扶' AS 问题字段,
       '户内有中高职（雨露计划对象年级）在校生：'
       || SUBSTR(s.成员1 || s.成员2 || s.成员3 || s.成员4 || s.成员5, 2)
       || CASE WHEN s.职校生数 > 5 THEN ' 等 ' || CAST(s.职校生数 AS VARCHAR) || ' 人' ELSE '' END
       || '，但户内教育帮扶、义务教育保障均未登记雨露计划' AS 说明
FROM households h
JOIN (
  SELECT 户编号,
         SUM(雨露行) AS 雨露行数,
         SUM(职校生) AS 职校生数,
         MAX(CASE WHEN 职校生 = 1 AND 序 = 1 THEN '、' || 成员 ELSE '' END) AS 成员1,
         MAX(CASE WHEN 职校生 = 1 AND 序 = 2 THEN '、' || 成员 ELSE '' END) AS 成员2,
         MAX(CASE WHEN 职校生 = 1 AND 序 = 3 THEN '、' || 成员 ELSE '' END) AS 成员3,
         MAX(CASE WHEN 职校生 = 1 AND 序 = 4 THEN '、' || 成员 ELSE '' END) AS 成员4,
         MAX(CASE WHEN 职校生 = 1 AND 序 = 5 THEN '、' || 成员 ELSE '' END) AS 成员5
  FROM (
    SELECT 户编号, 成员, 雨露行, 职校生,
           ROW_NUMBER() OVER (PARTITION BY 户编号, 职校生 ORDER BY _row) AS 序
    FROM (
      SELECT 户编号, _row,
             COALESCE(姓名, '（姓名为空）') || '（' || COALESCE(在校生状况, '') || '）' AS 成员,
             CASE WHEN 教育帮扶 LIKE '%雨露%' OR 义务教育保障 LIKE '%雨露%' THEN 1 ELSE 0 END AS 雨露行,
             CASE WHEN 在校生状况 IN (:yulu_grades) THEN 1 ELSE 0 END AS 职校生
      FROM members
      WHERE 户编号 IS NOT NULL
    ) b
  ) c
  GROUP BY 户编号
) s ON s.户编号 = h.户编号
WHERE (h.脱贫户 = 1 OR h.监测户 = 1)
  AND s.职校生数 > 0
  AND s.雨露行数 = 0
