-- G13 享受低保（特困供养）但家中无低保（特困）人口：任一分支成立时标记。
-- 分支1：综合保障 在户内任一项含“低保”，导出含 享受低保政策情况 或 是否享受低保，
--        且户内没有成员 享受低保政策情况 ∈ {城市低保,农村低保} 或 是否享受低保 = 是。
-- 分支2：综合保障 任一项含“特困”，导出含 享受特困供养政策情况 或 是否特困供养人员，
--        且户内没有成员 享受特困供养政策情况 ∈ {城市特困,农村特困} 或 是否特困供养人员 = 是。
-- 分支所需成员列都不存在时该分支不判定；四列都不存在时整条规则不执行（meta.any_of）。
WITH s AS (
  SELECT 户编号,
         MIN(CASE WHEN 综合保障 LIKE '%低保%' THEN 综合保障 END) AS 低保措施,
         MIN(CASE WHEN 综合保障 LIKE '%特困%' THEN 综合保障 END) AS 特困措施,
         SUM(CASE WHEN 享受低保政策情况 IN ('城市低保', '农村低保') OR 是否享受低保 = '是' THEN 1 ELSE 0 END) AS 低保人数,
         SUM(CASE WHEN 享受特困供养政策情况 IN ('城市特困', '农村特困') OR 是否特困供养人员 = '是' THEN 1 ELSE 0 END) AS 特困人数
  FROM members
  WHERE 户编号 IS NOT NULL
  GROUP BY 户编号
), b AS (
  SELECT h._row, s.低保措施, s.特困措施,
         CASE WHEN s.低保措施 IS NOT NULL AND ('享受低保政策情况' IN (:present_fields) OR '是否享受低保' IN (:present_fields))
                   AND s.低保人数 = 0 THEN 1 ELSE 0 END AS 分支1,
         CASE WHEN s.特困措施 IS NOT NULL AND ('享受特困供养政策情况' IN (:present_fields) OR '是否特困供养人员' IN (:present_fields))
                   AND s.特困人数 = 0 THEN 1 ELSE 0 END AS 分支2
  FROM households h
  JOIN s ON s.户编号 = h.户编号
)
SELECT _row,
       '综合保障'
         || CASE WHEN 分支1 = 1 AND '享受低保政策情况' IN (:present_fields) THEN '、享受低保政策情况' ELSE '' END
         || CASE WHEN 分支1 = 1 AND '是否享受低保' IN (:present_fields) THEN '、是否享受低保' ELSE '' END
         || CASE WHEN 分支2 = 1 AND '享受特困供养政策情况' IN (:present_fields) THEN '、享受特困供养政策情况' ELSE '' END
         || CASE WHEN 分支2 = 1 AND '是否特困供养人员' IN (:present_fields) THEN '、是否特困供养人员' ELSE '' END AS 问题字段,
       CASE WHEN 分支1 = 1 THEN '综合保障“' || 低保措施 || '”含低保，但户内没有享受低保的成员' ELSE '' END
         || CASE WHEN 分支1 = 1 AND 分支2 = 1 THEN '；' ELSE '' END
         || CASE WHEN 分支2 = 1 THEN '综合保障“' || 特困措施 || '”含特困，但户内没有特困供养人员' ELSE '' END AS 说明
FROM b
WHERE 分支1 = 1 OR 分支2 = 1
