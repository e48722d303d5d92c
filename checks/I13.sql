-- I13 已消除风险未填写监测联系人及电话：已消除 且（户值(信息采集人) 为空 或 户值(信息采集人联系电话) 为空）。
SELECT _row,
       CASE WHEN 信息采集人 IS NULL AND 信息采集人联系电话 IS NULL THEN '信息采集人、信息采集人联系电话'
            WHEN 信息采集人 IS NULL THEN '信息采集人'
            ELSE '信息采集人联系电话' END AS 问题字段,
       '已消除风险，但'
       || CASE WHEN 信息采集人 IS NULL AND 信息采集人联系电话 IS NULL THEN '监测联系人（信息采集人）及其电话均为空'
               WHEN 信息采集人 IS NULL THEN '监测联系人（信息采集人）为空'
               ELSE '监测联系人电话（信息采集人联系电话）为空' END AS 说明
FROM households
WHERE 已消除 = 1 AND (信息采集人 IS NULL OR 信息采集人联系电话 IS NULL)
