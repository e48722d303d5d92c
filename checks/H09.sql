-- H09 风险为因务工就业不稳但家中均无（含丧失）劳动力：R(户) 含 因务工就业不稳 且
-- 户内所有活动成员 劳动技能非空且 ∈ {无劳动力,丧失劳动力} 时标记。
-- 问题字段：户值中列有该风险项的 致贫/返贫风险 列（都没有时为 致贫/返贫风险1）及相矛盾的字段。
WITH r AS (
  SELECT h._row, '风险类型含“因务工就业不稳”，但户内 ' || CAST(h.成员数 AS VARCHAR)
           || ' 名成员的劳动技能均为无劳动力或丧失劳动力' AS 说明,
         CASE WHEN ',' || h."致贫/返贫风险1" || ',' LIKE '%,因务工就业不稳,%' THEN '、致贫/返贫风险1' ELSE '' END
           || CASE WHEN ',' || h."致贫/返贫风险2" || ',' LIKE '%,因务工就业不稳,%' THEN '、致贫/返贫风险2' ELSE '' END
           || CASE WHEN ',' || h."致贫/返贫风险3" || ',' LIKE '%,因务工就业不稳,%' THEN '、致贫/返贫风险3' ELSE '' END
           || CASE WHEN ',' || h."致贫/返贫风险4" || ',' LIKE '%,因务工就业不稳,%' THEN '、致贫/返贫风险4' ELSE '' END
           || CASE WHEN ',' || h."致贫/返贫风险5" || ',' LIKE '%,因务工就业不稳,%' THEN '、致贫/返贫风险5' ELSE '' END AS 列
  FROM households h
  WHERE h.风险集合 LIKE '%,因务工就业不稳,%' AND h.全户无劳动力 = 1
)
SELECT _row,
       CASE WHEN 列 = '' THEN '致贫/返贫风险1' ELSE SUBSTR(列, 2) END || '、劳动技能' AS 问题字段,
       说明
FROM r
