-- B03 同一户编号下有多个配偶：户内 与户主关系 = 配偶 的活动行数 > 1；列出这些成员及行号。
SELECT h._row,
       '户内有 ' || CAST(h.配偶数 AS VARCHAR) || ' 个配偶：'
       || (SELECT STRING_AGG(COALESCE(m.姓名, '（姓名为空）') || '（第' || CAST(m._line AS VARCHAR) || '行）', '、'
                             ORDER BY m._row)
           FROM members m WHERE m.户编号 = h.户编号 AND m.是配偶 = 1) AS 说明
FROM households h
WHERE h.配偶数 > 1
