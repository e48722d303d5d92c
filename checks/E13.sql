-- E13 务工监测开始时间为空（rules.csv E13；需要务工监测表）：开始时间 为空或无法按年月/日期解析
-- 的每一行（子类：为空 / 无法识别）。同一人（人员关联键）只保留一条发现（rules.md §5），说明中注明此人
-- 共有几条这样的记录。
SELECT _row,
       '开始时间' AS 问题字段,
       CASE WHEN 开始时间 IS NULL THEN '为空：务工监测记录的开始时间为空'
            ELSE '无法识别：开始时间“' || 开始时间 || '”无法按年月或日期解析' END
       || CASE WHEN n > 1 THEN '（此人共 ' || n || ' 条务工记录开始时间为空或无法识别）' ELSE '' END AS 说明
FROM (
    SELECT _row, 开始时间, COUNT(*) OVER (PARTITION BY _key) AS n
    FROM work
    WHERE 月_开始时间 IS NULL
) AS t
