-- E04 在校生有务工（rules.csv E04）：在校生(r) 且 有务工(r)（rules.md §8，含务工监测表记录）。
SELECT _row,
       '在校生状况' AS 问题字段,
       '在校生状况为“' || 在校生状况 || '”，但'
       || CASE WHEN 务工月数 > 0 OR 务工所在地 NOT IN ('未外出务工', '无', '否')
               THEN '有务工（务工所在地 ' || COALESCE(务工所在地, '空') || '，务工时间（月） '
                    || COALESCE("务工时间（月）", '空') || '）'
               ELSE '务工监测表有已务工记录' END AS 说明
FROM members
WHERE 在校生 = 1 AND 有务工 = 1
