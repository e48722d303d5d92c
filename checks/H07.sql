-- H07 风险为缺劳动力但家庭成员均有劳动能力：未消除 且 R(户) 含 缺劳动力 且
-- 户内所有活动成员 劳动技能非空且 ∈ {普通劳动力,技能劳动力,弱劳动力或半劳动力} 时标记。
-- 问题字段：户值中列有该风险项的 致贫/返贫风险 列（都没有时为 致贫/返贫风险1）及相矛盾的字段。
WITH r AS (
  SELECT h._row, '风险类型含“缺劳动力”，但户内 ' || CAST(h.成员数 AS VARCHAR)
           || ' 名成员的劳动技能均为普通劳动力、技能劳动力或弱劳动力或半劳动力' AS 说明,
         CASE WHEN ',' || h."致贫/返贫风险1" || ',' LIKE '%,缺劳动力,%' THEN '、致贫/返贫风险1' ELSE '' END
           || CASE WHEN ',' || h."致贫/返贫风险2" || ',' LIKE '%,缺劳动力,%' THEN '、致贫/返贫风险2' ELSE '' END
           || CASE WHEN ',' || h."致贫/返贫风险3" || ',' LIKE '%,缺劳动力,%' THEN '、致贫/返贫风险3' ELSE '' END
           || CASE WHEN ',' || h."致贫/返贫风险4" || ',' LIKE '%,缺劳动力,%' THEN '、致贫/返贫风险4' ELSE '' END
           || CASE WHEN ',' || h."致贫/返贫风险5" || ',' LIKE '%,缺劳动力,%' THEN '、致贫/返贫风险5' ELSE '' END AS 列
  FROM households h
  WHERE h.未消除 = 1 AND h.风险集合 LIKE '%,缺劳动力,%' AND h.全户有劳动力 = 1
)
SELECT _row,
       CASE WHEN 列 = '' THEN '致贫/返贫风险1' ELSE SUBSTR(列, 2) END || '、劳动技能' AS 问题字段,
       说明
FROM r
