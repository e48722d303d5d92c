-- J05 公益性岗位类型与月数矛盾：T = 公益性岗位类型非空且 ≠ 无；m = 数(公益性岗位(月数))，空按 0，
-- 非数值不判定（由 E02 报告）。(T 且 m ≤ 0) 或 (非 T 且 m > 0) 时标记。
SELECT _row,
       CASE WHEN t = 1
            THEN '公益性岗位类型为 ' || 类型 || '，但公益性岗位(月数)'
                 || CASE WHEN 月数 IS NULL THEN '为空' ELSE '为 ' || 月数 END
            ELSE '公益性岗位类型' || CASE WHEN 类型 IS NULL THEN '为空' ELSE '为 无' END
                 || '，但公益性岗位(月数)为 ' || 月数 END AS 说明
FROM (SELECT _row, 公益性岗位类型 AS 类型, "公益性岗位(月数)" AS 月数, COALESCE(岗位月数, 0) AS m,
             CASE WHEN 公益性岗位类型 IS NOT NULL AND 公益性岗位类型 <> '无' THEN 1 ELSE 0 END AS t
      FROM members
      WHERE "公益性岗位(月数)" IS NULL OR 岗位月数 IS NOT NULL) AS x
WHERE (t = 1 AND m <= 0) OR (t = 0 AND m > 0)
