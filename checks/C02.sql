-- C02 健康状况为空或填写有误（子类：为空 / 无效值 / 健康与疾病并存）。
-- 健康状况项集合 = ',项,项,'（拆分、去重、排序；只有分隔符时为 ','），健康状况无效项 = 不在代码表内的项（prepare._derive_C）。
SELECT _row,
       CASE WHEN 健康状况 IS NULL THEN '为空：健康状况未填写'
            WHEN 健康状况项集合 = ',' THEN '为空：健康状况只有分隔符，没有任何项'
            ELSE SUBSTR(
                 CASE WHEN 健康状况无效项 IS NOT NULL
                      THEN '；无效值：“' || 健康状况无效项 || '”不在健康状况代码表内（健康、长期慢性病、患有大病、残疾）'
                      ELSE '' END
                 || CASE WHEN 健康状况项集合 LIKE '%,健康,%' AND 健康状况项集合 <> ',健康,'
                         THEN '；健康与疾病并存：健康状况“' || 健康状况 || '”中 健康 与其他项同时出现'
                         ELSE '' END, 2)
       END AS 说明
FROM members
WHERE 健康状况 IS NULL
   OR 健康状况项集合 = ','
   OR 健康状况无效项 IS NOT NULL
   OR (健康状况项集合 LIKE '%,健康,%' AND 健康状况项集合 <> ',健康,')
