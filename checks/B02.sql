-- B02 同一户编号下有多个户主：户内 与户主关系 = 户主 的活动行数 > 1；列出这些成员及行号。
SELECT h._row,
       '户内有 ' || CAST(h.户主数 AS VARCHAR) || ' 个户主：'
       || (SELECT STRING_AGG(COALESCE(m.姓名, '（姓名为空）') || '（第' || CAST(m._line AS VARCHAR) || '行）', '、'
                             ORDER BY m._row)
           FROM members m WHERE m.户编号 = h.户编号 AND m.是户主 = 1) AS 说明
FROM households h
WHERE h.户主数 > 1
