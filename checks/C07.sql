-- C07 政治面貌为空，或变体映射后不在政治面貌代码表内。
SELECT _row,
       CASE WHEN 政治面貌 IS NULL THEN '政治面貌为空'
            ELSE '政治面貌“' || 政治面貌 || '”不在代码表内（应为 中共党员、中共预备党员、共青团员、群众 之一）'
       END AS 说明
FROM members
WHERE 政治面貌 IS NULL OR 政治面貌 NOT IN (:codes_政治面貌)
