-- C04 文化程度非空且不在代码表内，或在校生状况非空且（变体映射后）不在代码表内；子类注明是哪一列。
SELECT _row, SUBSTR(字段, 2) AS 问题字段, SUBSTR(说明, 2) AS 说明
FROM (
  SELECT _row,
         CASE WHEN 文化程度 NOT IN (:codes_文化程度) THEN '、文化程度' ELSE '' END
         || CASE WHEN 在校生状况 NOT IN (:codes_在校生状况) THEN '、在校生状况' ELSE '' END AS 字段,
         CASE WHEN 文化程度 NOT IN (:codes_文化程度)
              THEN '；文化程度有误：“' || 文化程度 || '”不在代码表内（文盲或半文盲、小学、初中、高中、大专、本科及以上）'
              ELSE '' END
         || CASE WHEN 在校生状况 NOT IN (:codes_在校生状况)
                 THEN '；在校生状况有误：“' || 在校生状况 || '”不在在校生状况代码表内'
                 ELSE '' END AS 说明
  FROM members
  WHERE (文化程度 IS NOT NULL AND 文化程度 NOT IN (:codes_文化程度))
     OR (在校生状况 IS NOT NULL AND 在校生状况 NOT IN (:codes_在校生状况))
) c
