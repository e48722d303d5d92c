-- H06 风险为因学但家中无在校生：R(户) 含 因学 且 户内没有 在校生(r) 成员
-- （学龄前儿童、非在校生、空 都不算在校生）时标记。
-- 问题字段：户值中列有该风险项的 致贫/返贫风险 列（都没有时为 致贫/返贫风险1）及相矛盾的字段。
WITH r AS (
  SELECT h._row, '风险类型含“因学”，但户内没有在校生（学龄前儿童、非在校生、空都不算在校生）' AS 说明,
         CASE WHEN ',' || h."致贫/返贫风险1" || ',' LIKE '%,因学,%' THEN '、致贫/返贫风险1' ELSE '' END
           || CASE WHEN ',' || h."致贫/返贫风险2" || ',' LIKE '%,因学,%' THEN '、致贫/返贫风险2' ELSE '' END
           || CASE WHEN ',' || h."致贫/返贫风险3" || ',' LIKE '%,因学,%' THEN '、致贫/返贫风险3' ELSE '' END
           || CASE WHEN ',' || h."致贫/返贫风险4" || ',' LIKE '%,因学,%' THEN '、致贫/返贫风险4' ELSE '' END
           || CASE WHEN ',' || h."致贫/返贫风险5" || ',' LIKE '%,因学,%' THEN '、致贫/返贫风险5' ELSE '' END AS 列
  FROM households h
  WHERE h.风险集合 LIKE '%,因学,%' AND h.在校生人数 = 0
)
SELECT _row,
       CASE WHEN 列 = '' THEN '致贫/返贫风险1' ELSE SUBSTR(列, 2) END || '、在校生状况' AS 问题字段,
       说明
FROM r
