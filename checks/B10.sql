-- B10 与户主关系为空或填写有误：为空，或规范化后不属于与户主关系代码表（fields.md §4.1，28项）。
SELECT _row,
       CASE WHEN 与户主关系 IS NULL THEN '与户主关系为空'
            ELSE '与户主关系“' || 与户主关系 || '”不在代码表内（应为户主、配偶、之子、之女……其他，共28项）' END AS 说明
FROM members
WHERE 与户主关系 IS NULL OR NOT (与户主关系 IN (:codes_与户主关系))
