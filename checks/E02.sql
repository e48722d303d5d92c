-- E02 务工或公益性岗位月数超出范围（rules.csv E02）。
-- 两列中导出存在的每一列（不存在的列在 members 中为空，自然不记入）：值非空且（不是数值，或 < 0，
-- 或 > 12，或不是整数；6.0 这样小数部分为 0 的算整数）时记入；任一记入即标记，列出字段与原因。
SELECT _row,
       SUBSTR(CASE WHEN r1 IS NULL THEN '' ELSE '、务工时间（月）' END
              || CASE WHEN r2 IS NULL THEN '' ELSE '、公益性岗位(月数)' END, 2) AS 问题字段,
       SUBSTR(COALESCE('；务工时间（月）“' || "务工时间（月）" || '”' || r1, '')
              || COALESCE('；公益性岗位(月数)“' || "公益性岗位(月数)" || '”' || r2, ''), 2) AS 说明
FROM (
    SELECT _row, "务工时间（月）", "公益性岗位(月数)",
           CASE WHEN "务工时间（月）" IS NULL THEN NULL
                WHEN 务工月数 IS NULL THEN '不是数值'
                WHEN 务工月数 < 0 THEN '小于 0'
                WHEN 务工月数 > 12 THEN '大于 12'
                WHEN 务工月数 <> FLOOR(务工月数) THEN '不是整数' END AS r1,
           CASE WHEN "公益性岗位(月数)" IS NULL THEN NULL
                WHEN 岗位月数 IS NULL THEN '不是数值'
                WHEN 岗位月数 < 0 THEN '小于 0'
                WHEN 岗位月数 > 12 THEN '大于 12'
                WHEN 岗位月数 <> FLOOR(岗位月数) THEN '不是整数' END AS r2
    FROM members
) AS t
WHERE r1 IS NOT NULL OR r2 IS NOT NULL
