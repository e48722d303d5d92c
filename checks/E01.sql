-- E01 有务工所在地没务工时间或有务工时间没务工所在地（rules.csv E01）。
-- P = 务工所在地非空且 ∉ {未外出务工,无,否}；m = 数(务工时间（月）)，空按 0；务工时间非空但不是数值时
-- 不判定（由 E02 报告）。(P 且 m ≤ 0) 或 (非 P 且 m > 0) 时标记。
SELECT _row,
       '务工所在地、务工时间（月）' AS 问题字段,
       CASE WHEN p = 1
            THEN '务工所在地为“' || 务工所在地 || '”，但务工时间（月）'
                 || CASE WHEN "务工时间（月）" IS NULL THEN '为空' ELSE '为 ' || "务工时间（月）" END
            ELSE '务工时间（月）为 ' || "务工时间（月）" || '，但务工所在地'
                 || CASE WHEN 务工所在地 IS NULL THEN '为空' ELSE '为“' || 务工所在地 || '”' END
       END AS 说明
FROM (
    SELECT _row, 务工所在地, "务工时间（月）", COALESCE(务工月数, 0) AS m,
           CASE WHEN 务工所在地 IS NOT NULL AND 务工所在地 NOT IN ('未外出务工', '无', '否') THEN 1 ELSE 0 END AS p
    FROM members
    WHERE "务工时间（月）" IS NULL OR 务工月数 IS NOT NULL
) AS t
WHERE (p = 1 AND m <= 0) OR (p = 0 AND m > 0)
