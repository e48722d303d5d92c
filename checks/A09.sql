-- A09 户主证件号码（姓名）与户主行不一致：只对恰有1个户主行的户判定。户内任一行非空的 户主证件号码 前18位大写
-- ≠ 户主行 证件号码 前18位大写，或任一行非空的 户主姓名 ≠ 户主行 姓名（均为规范化后比较）时标记。
-- 户主证件号码、户主姓名为空不标记；户主行自己的证件号码或姓名为空时，非空的户主证件号码/户主姓名即算不一致。
WITH hd AS (
    SELECT h.户编号, h._row, m.姓名 AS 户主行姓名, UPPER(SUBSTR(m.证件号码, 1, 18)) AS 户主行号码
    FROM households h JOIN members m ON m._row = h._head_row
    WHERE h.户主数 = 1
),
bad AS (
    SELECT hd.户编号, 1 AS pos, '户主证件号码' AS f,
           '户主证件号码与户主行证件号码' || CASE WHEN hd.户主行号码 IS NULL THEN '（为空）' ELSE '' END || '不一致' AS what,
           m._row, m._line
    FROM hd JOIN members m ON m.户编号 = hd.户编号
    WHERE m.户主证件号码 IS NOT NULL AND UPPER(SUBSTR(m.户主证件号码, 1, 18)) <> COALESCE(hd.户主行号码, '')
    UNION ALL
    SELECT hd.户编号, 2, '户主姓名',
           '户主姓名“' || m.户主姓名 || '”与户主行姓名' || COALESCE('“' || hd.户主行姓名 || '”', '（为空）') || '不一致',
           m._row, m._line
    FROM hd JOIN members m ON m.户编号 = hd.户编号
    WHERE m.户主姓名 IS NOT NULL AND m.户主姓名 <> COALESCE(hd.户主行姓名, '')
),
grp AS (
    SELECT 户编号, pos, f, what, STRING_AGG(CAST(_line AS VARCHAR), '、' ORDER BY _row) AS rows_
    FROM bad GROUP BY 户编号, pos, f, what
)
SELECT hd._row,
       (SELECT STRING_AGG(f, '、' ORDER BY pos) FROM (SELECT DISTINCT pos, f FROM grp g WHERE g.户编号 = hd.户编号) x)
           AS 问题字段,
       (SELECT STRING_AGG(what || '（第' || rows_ || '行）', '；' ORDER BY pos, what) FROM grp g WHERE g.户编号 = hd.户编号)
           AS 说明
FROM hd
WHERE EXISTS (SELECT 1 FROM bad b WHERE b.户编号 = hd.户编号)
