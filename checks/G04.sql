-- G04 收入支出关键信息缺失：户类型、监测对象类别 两列都不存在，或所列收入支出列都不存在时不执行（meta.any_of）。
-- （脱贫户 或 监测户）且 以下导出中存在的字段任一户值为空时标记（0 不算缺失），列出缺失字段：
-- 工资性收入、生产经营性收入、财产性收入、转移性收入、生产经营性支出、人均纯收入、家庭纯收入。
-- :present_fields（导出含有的列）区分“列不存在”与“值为空”。
WITH m AS (
  SELECT _row, 脱贫户, 监测户,
         CASE WHEN '工资性收入' IN (:present_fields) AND 工资性收入 IS NULL THEN '、工资性收入' ELSE '' END
         || CASE WHEN '生产经营性收入' IN (:present_fields) AND 生产经营性收入 IS NULL THEN '、生产经营性收入' ELSE '' END
         || CASE WHEN '财产性收入' IN (:present_fields) AND 财产性收入 IS NULL THEN '、财产性收入' ELSE '' END
         || CASE WHEN '转移性收入' IN (:present_fields) AND 转移性收入 IS NULL THEN '、转移性收入' ELSE '' END
         || CASE WHEN '生产经营性支出' IN (:present_fields) AND 生产经营性支出 IS NULL THEN '、生产经营性支出' ELSE '' END
         || CASE WHEN '人均纯收入' IN (:present_fields) AND 人均纯收入 IS NULL THEN '、人均纯收入' ELSE '' END
         || CASE WHEN '家庭纯收入' IN (:present_fields) AND 家庭纯收入 IS NULL THEN '、家庭纯收入' ELSE '' END AS 缺失
  FROM households
  WHERE 脱贫户 = 1 OR 监测户 = 1
)
SELECT _row, SUBSTR(缺失, 2) AS 问题字段,
       CASE WHEN 监测户 = 1 THEN '监测户' ELSE '脱贫户' END || '的收入支出信息缺失：' || SUBSTR(缺失, 2)
         || ' 为空（户内所有成员行均未填写；填 0 不算缺失）' AS 说明
FROM m
WHERE 缺失 <> ''
