-- H03 风险为因自然灾害但未填写子项：R(户) 含 因自然灾害 且 因自然灾害子项 在户内所有活动行均为空 时标记。
-- 问题字段：户值中列有该风险项的 致贫/返贫风险 列（都没有时为 致贫/返贫风险1）及相矛盾的字段。
WITH r AS (
  SELECT h._row, '风险类型含“因自然灾害”，但因自然灾害子项为空（户内所有成员行均未填写）' AS 说明,
         CASE WHEN ',' || h."致贫/返贫风险1" || ',' LIKE '%,因自然灾害,%' THEN '、致贫/返贫风险1' ELSE '' END
           || CASE WHEN ',' || h."致贫/返贫风险2" || ',' LIKE '%,因自然灾害,%' THEN '、致贫/返贫风险2' ELSE '' END
           || CASE WHEN ',' || h."致贫/返贫风险3" || ',' LIKE '%,因自然灾害,%' THEN '、致贫/返贫风险3' ELSE '' END
           || CASE WHEN ',' || h."致贫/返贫风险4" || ',' LIKE '%,因自然灾害,%' THEN '、致贫/返贫风险4' ELSE '' END
           || CASE WHEN ',' || h."致贫/返贫风险5" || ',' LIKE '%,因自然灾害,%' THEN '、致贫/返贫风险5' ELSE '' END AS 列
  FROM households h
  WHERE h.风险集合 LIKE '%,因自然灾害,%' AND h.因自然灾害子项 IS NULL
)
SELECT _row,
       CASE WHEN 列 = '' THEN '致贫/返贫风险1' ELSE SUBSTR(列, 2) END || '、因自然灾害子项' AS 问题字段,
       说明
FROM r
