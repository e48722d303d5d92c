-- C14 残疾类别为空或 = 无 视为未填。残疾类别已填 且 健康状况不含 残疾（健康状况为空也不含）；
-- 或 健康状况含 残疾 且 残疾类别未填 时标记。
SELECT _row,
       CASE WHEN 含残疾 = 0
            THEN '残疾类别为“' || 残疾类别 || '”，但健康状况'
                 || CASE WHEN 健康状况 IS NULL THEN '为空' ELSE '“' || 健康状况 || '”' END || '不含残疾'
            ELSE '健康状况“' || 健康状况 || '”含残疾，但残疾类别'
                 || CASE WHEN 残疾类别 IS NULL THEN '为空' ELSE '为“无”' END
       END AS 说明
FROM members
WHERE (残疾类别 IS NOT NULL AND 残疾类别 <> '无' AND 含残疾 = 0)
   OR (含残疾 = 1 AND (残疾类别 IS NULL OR 残疾类别 = '无'))
