-- H02 风险类型为其他但未填写备注：R(户) 含 其他 且 其他备注 在户内所有活动行均为空 时标记。
-- 问题字段：户值中列有该风险项的 致贫/返贫风险 列（都没有时为 致贫/返贫风险1）及相矛盾的字段。
WITH r AS (
  SELECT h._row, '风险类型含“其他”，但其他备注为空（户内所有成员行均未填写）' AS 说明,
         CASE WHEN ',' || h."致贫/返贫风险1" || ',' LIKE '%,其他,%' THEN '、致贫/返贫风险1' ELSE '' END
           || CASE WHEN ',' || h."致贫/返贫风险2" || ',' LIKE '%,其他,%' THEN '、致贫/返贫风险2' ELSE '' END
           || CASE WHEN ',' || h."致贫/返贫风险3" || ',' LIKE '%,其他,%' THEN '、致贫/返贫风险3' ELSE '' END
           || CASE WHEN ',' || h."致贫/返贫风险4" || ',' LIKE '%,其他,%' THEN '、致贫/返贫风险4' ELSE '' END
           || CASE WHEN ',' || h."致贫/返贫风险5" || ',' LIKE '%,其他,%' THEN '、致贫/返贫风险5' ELSE '' END AS 列
  FROM households h
  WHERE h.风险集合 LIKE '%,其他,%' AND h.其他备注 IS NULL
)
SELECT _row,
       CASE WHEN 列 = '' THEN '致贫/返贫风险1' ELSE SUBSTR(列, 2) END || '、其他备注' AS 问题字段,
       说明
FROM r
