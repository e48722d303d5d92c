-- H04 风险为因残但家中无残疾人：R(户) 含 因残 且 户内没有残疾成员 时标记。
-- 残疾成员（rules.md §8）：健康状况含 残疾，或 证件类型 = 残疾人证，或 证件号码为 ID20 形式。
-- 问题字段：户值中列有该风险项的 致贫/返贫风险 列（都没有时为 致贫/返贫风险1）及相矛盾的字段。
WITH r AS (
  SELECT h._row, '风险类型含“因残”，但户内 ' || CAST(h.成员数 AS VARCHAR) || ' 名成员中没有残疾成员'
           || '（无人健康状况含残疾、证件类型为残疾人证或证件号码为20位残疾人证号）' AS 说明,
         CASE WHEN ',' || h."致贫/返贫风险1" || ',' LIKE '%,因残,%' THEN '、致贫/返贫风险1' ELSE '' END
           || CASE WHEN ',' || h."致贫/返贫风险2" || ',' LIKE '%,因残,%' THEN '、致贫/返贫风险2' ELSE '' END
           || CASE WHEN ',' || h."致贫/返贫风险3" || ',' LIKE '%,因残,%' THEN '、致贫/返贫风险3' ELSE '' END
           || CASE WHEN ',' || h."致贫/返贫风险4" || ',' LIKE '%,因残,%' THEN '、致贫/返贫风险4' ELSE '' END
           || CASE WHEN ',' || h."致贫/返贫风险5" || ',' LIKE '%,因残,%' THEN '、致贫/返贫风险5' ELSE '' END AS 列
  FROM households h
  WHERE h.风险集合 LIKE '%,因残,%' AND h.残疾成员数 = 0
)
SELECT _row,
       CASE WHEN 列 = '' THEN '致贫/返贫风险1' ELSE SUBSTR(列, 2) END || '、健康状况' AS 问题字段,
       说明
FROM r
