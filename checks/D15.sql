-- D15 特困供养人员为18–60岁健康非在校生：
-- （享受特困供养政策情况 ∈ {城市特困, 农村特困} 或 是否特困供养人员 = 是）
-- 且 tekun_age_min ≤ 年龄 < elderly_age 且 健康状况 = 健康（只有这一项）且 在校生状况为空或 = 非在校生。
-- 两列都不存在时不执行（meta.any_of）。年龄未知（NULL）的成员不判定。
SELECT _row,
       SUBSTR(CASE WHEN 特困政策 = 1 THEN '、享受特困供养政策情况' ELSE '' END
              || CASE WHEN 特困人员 = 1 THEN '、是否特困供养人员' ELSE '' END || '、健康状况', 2) AS 问题字段,
       '年龄 ' || CAST(年龄 AS VARCHAR) || ' 岁（' || CAST(:tekun_age_min AS VARCHAR) || ' 周岁及以上、不满 '
       || CAST(:elderly_age AS VARCHAR) || ' 周岁），健康状况为健康、非在校生，但'
       || SUBSTR(CASE WHEN 特困政策 = 1 THEN '、享受特困供养政策情况为 ' || 享受特困供养政策情况 ELSE '' END
                 || CASE WHEN 特困人员 = 1 THEN '、是否特困供养人员为 是' ELSE '' END, 2)
       || '，请核实特困供养资格或健康状况' AS 说明
FROM (
  SELECT _row, 年龄, 享受特困供养政策情况,
         CASE WHEN 享受特困供养政策情况 IN ('城市特困', '农村特困') THEN 1 ELSE 0 END AS 特困政策,
         CASE WHEN 是否特困供养人员 = '是' THEN 1 ELSE 0 END AS 特困人员
  FROM members
  WHERE 年龄 >= :tekun_age_min AND 年龄 < :elderly_age
    AND 仅健康 = 1
    AND (在校生状况 IS NULL OR 在校生状况 = '非在校生')
) s
WHERE 特困政策 + 特困人员 > 0
