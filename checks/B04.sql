-- B04 户主与配偶同性别：只对恰有1个户主且至少1个配偶的户判定。成员性别 = 有效性别（性别为男/女时取之，
-- 否则取 id_ok 证件号码推出的性别；仍未知不判定该成员）。任一配偶的性别与户主相同时标记，列出这些配偶。
WITH hd AS (
    SELECT h.户编号, h._row, m.姓名 AS 户主姓名_, m.有效性别 AS 户主性别
    FROM households h JOIN members m ON m._row = h._head_row
    WHERE h.户主数 = 1 AND h.配偶数 >= 1 AND m.有效性别 IS NOT NULL
)
SELECT hd._row,
       '户主' || COALESCE(hd.户主姓名_, '') || '与配偶'
       || (SELECT STRING_AGG(COALESCE(m.姓名, '（姓名为空）') || '（第' || CAST(m._line AS VARCHAR) || '行）', '、'
                             ORDER BY m._row)
           FROM members m WHERE m.户编号 = hd.户编号 AND m.是配偶 = 1 AND m.有效性别 = hd.户主性别)
       || '性别均为' || hd.户主性别 AS 说明
FROM hd
WHERE EXISTS (SELECT 1 FROM members m WHERE m.户编号 = hd.户编号 AND m.是配偶 = 1 AND m.有效性别 = hd.户主性别)
