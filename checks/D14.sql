-- D14 70岁及以上参加公益性岗位：年龄 ≥ welfare_job_age_max 且满足任一：
--   公益性岗位类型非空且 ≠ 无；数(公益性岗位(月数)) > 0（非数值不判定）；就业渠道含“公益”；
--   本行 公益岗位帮扶 非空且户内另有该列为空的行（措施按成员填报；households.空行_公益岗位帮扶 > 0）。
-- 四列都不存在时不执行（meta.any_of）。年龄未知（NULL）的成员不判定。问题字段列出命中的字段。
SELECT _row,
       SUBSTR(CASE WHEN 有类型 = 1 THEN '、公益性岗位类型' ELSE '' END
              || CASE WHEN 有月数 = 1 THEN '、公益性岗位(月数)' ELSE '' END
              || CASE WHEN 渠道公益 = 1 THEN '、就业渠道' ELSE '' END
              || CASE WHEN 按人帮扶 = 1 THEN '、公益岗位帮扶' ELSE '' END, 2) AS 问题字段,
       '年龄 ' || CAST(年龄 AS VARCHAR) || ' 岁（' || CAST(:welfare_job_age_max AS VARCHAR) || ' 周岁及以上），但登记了公益性岗位：'
       || SUBSTR(CASE WHEN 有类型 = 1 THEN '；公益性岗位类型为 ' || 公益性岗位类型 ELSE '' END
                 || CASE WHEN 有月数 = 1 THEN '；公益性岗位(月数)为 ' || 岗位月数文本 ELSE '' END
                 || CASE WHEN 渠道公益 = 1 THEN '；就业渠道为 ' || 就业渠道 ELSE '' END
                 || CASE WHEN 按人帮扶 = 1 THEN '；本人行填有公益岗位帮扶 ' || 公益岗位帮扶 || '（措施按成员填报）' ELSE '' END, 2)
       AS 说明
FROM (
  SELECT m._row, m.年龄, m.公益性岗位类型, m.就业渠道, m.公益岗位帮扶,
         m."公益性岗位(月数)" AS 岗位月数文本,
         CASE WHEN m.公益性岗位类型 IS NOT NULL AND m.公益性岗位类型 <> '无' THEN 1 ELSE 0 END AS 有类型,
         CASE WHEN m.岗位月数 > 0 THEN 1 ELSE 0 END AS 有月数,
         CASE WHEN m.就业渠道 LIKE '%公益%' THEN 1 ELSE 0 END AS 渠道公益,
         CASE WHEN m.公益岗位帮扶 IS NOT NULL AND h.空行_公益岗位帮扶 > 0 THEN 1 ELSE 0 END AS 按人帮扶
  FROM members m
  LEFT JOIN households h ON h.户编号 = m.户编号
  WHERE m.年龄 >= :welfare_job_age_max
) s
WHERE 有类型 + 有月数 + 渠道公益 + 按人帮扶 > 0
