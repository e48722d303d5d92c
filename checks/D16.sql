-- D16 雨露计划补助人员不是中高职学生。雨露行 = 本行 教育帮扶 或 义务教育保障 含“雨露”的活动行。
-- 户内有雨露行时判定：
--   户内还有非雨露行（措施按成员填报）：任一雨露行的在校生状况 ∉ yulu_grades（为空也算 ∉）时标记；
--   户内全部活动行都是雨露行（措施按户填报）：户内没有任何成员的在校生状况 ∈ yulu_grades 时标记。
-- 教育帮扶、义务教育保障 两列都不存在时不执行（meta.any_of）。
-- 说明列出相关成员（按成员填报：不是中高职学生的雨露行；按户填报：全部成员）及其在校生状况，
-- 按文件顺序取前 5 人（ROW_NUMBER 排序，结果确定；不用带 ORDER BY 的 STRING_AGG，SQLite < 3.44 不支持）。
SELECT h._row,
       SUBSTR(CASE WHEN s.教育帮扶雨露 > 0 THEN '、教育帮扶' ELSE '' END
              || CASE WHEN s.义务教育保障雨露 > 0 THEN '、义务教育保障' ELSE '' END, 2) AS 问题字段,
       CASE WHEN s.雨露行数 < s.行数
            THEN '雨露计划补助人员不是中高职（雨露计划对象年级）在校生（措施按成员填报）：'
            ELSE '措施按户填报，全户享受雨露计划，但户内没有中高职（雨露计划对象年级）在校生：'
       END
       || SUBSTR(s.成员1 || s.成员2 || s.成员3 || s.成员4 || s.成员5, 2)
       || CASE WHEN s.列出人数 > 5 THEN ' 等 ' || CAST(s.列出人数 AS VARCHAR) || ' 人' ELSE '' END AS 说明
FROM households h
JOIN (
  SELECT 户编号,
         MAX(行数) AS 行数,
         MAX(雨露行数) AS 雨露行数,
         SUM(职校生) AS 职校生数,
         SUM(CASE WHEN 雨露行 = 1 AND 职校生 = 0 THEN 1 ELSE 0 END) AS 非职校雨露行数,
         SUM(教育帮扶雨露) AS 教育帮扶雨露,
         SUM(义务教育保障雨露) AS 义务教育保障雨露,
         SUM(列出) AS 列出人数,
         MAX(CASE WHEN 列出 = 1 AND 序 = 1 THEN '、' || 成员 ELSE '' END) AS 成员1,
         MAX(CASE WHEN 列出 = 1 AND 序 = 2 THEN '、' || 成员 ELSE '' END) AS 成员2,
         MAX(CASE WHEN 列出 = 1 AND 序 = 3 THEN '、' || 成员 ELSE '' END) AS 成员3,
         MAX(CASE WHEN 列出 = 1 AND 序 = 4 THEN '、' || 成员 ELSE '' END) AS 成员4,
         MAX(CASE WHEN 列出 = 1 AND 序 = 5 THEN '、' || 成员 ELSE '' END) AS 成员5
  FROM (
    SELECT 户编号, 成员, 雨露行, 职校生, 教育帮扶雨露, 义务教育保障雨露, 行数, 雨露行数, 列出,
           ROW_NUMBER() OVER (PARTITION BY 户编号, 列出 ORDER BY _row) AS 序
    FROM (
      SELECT 户编号, _row, 成员, 雨露行, 职校生, 教育帮扶雨露, 义务教育保障雨露, 行数, 雨露行数,
             CASE WHEN 雨露行数 = 行数 THEN 1 WHEN 雨露行 = 1 AND 职校生 = 0 THEN 1 ELSE 0 END AS 列出
      FROM (
        SELECT 户编号, _row, 成员, 雨露行, 职校生, 教育帮扶雨露, 义务教育保障雨露,
               COUNT(*) OVER (PARTITION BY 户编号) AS 行数,
               SUM(雨露行) OVER (PARTITION BY 户编号) AS 雨露行数
        FROM (
          SELECT 户编号, _row,
                 COALESCE(姓名, '（姓名为空）') || '（' || COALESCE(在校生状况, '在校生状况为空') || '）' AS 成员,
                 CASE WHEN 教育帮扶 LIKE '%雨露%' OR 义务教育保障 LIKE '%雨露%' THEN 1 ELSE 0 END AS 雨露行,
                 CASE WHEN 教育帮扶 LIKE '%雨露%' THEN 1 ELSE 0 END AS 教育帮扶雨露,
                 CASE WHEN 义务教育保障 LIKE '%雨露%' THEN 1 ELSE 0 END AS 义务教育保障雨露,
                 CASE WHEN 在校生状况 IN (:yulu_grades) THEN 1 ELSE 0 END AS 职校生
          FROM members
          WHERE 户编号 IS NOT NULL
        ) b
      ) c
    ) d
  ) e
  GROUP BY 户编号
) s ON s.户编号 = h.户编号
WHERE s.雨露行数 > 0
  AND ((s.雨露行数 < s.行数 AND s.非职校雨露行数 > 0)
       OR (s.雨露行数 = s.行数 AND s.职校生数 = 0))
