-- B11 联系电话有误或为空。p = 规范化后去掉 '-'、'('、')'、开头的 +86/0086、浮点的 .0（号码_…，prepare）。
-- 命中任一即标记该户并列出问题号码：户值(户联系电话) 为空；户联系电话或任一活动成员的成员联系电话非空而 p
-- 既不是手机号 ^1[3-9]\d{9}$ 也不是固话 ^0\d{9,11}$（电话有误_…）；p 含连续7位及以上相同数字（电话重号_…）。
-- 成员联系电话为空不标记。
WITH bad AS (
    SELECT h.户编号, -1 AS _ord,
           CASE WHEN h.户联系电话 IS NULL THEN '户联系电话为空'
                ELSE '户联系电话 ' || h.户联系电话
                     || CASE WHEN h.电话有误_户联系电话 = 1 THEN ' 不是11位手机号或以0开头的固话' ELSE '' END
                     || CASE WHEN h.电话重号_户联系电话 = 1
                          THEN CASE WHEN h.电话有误_户联系电话 = 1 THEN '，且' ELSE ' ' END || '含连续7位及以上相同数字'
                          ELSE '' END END AS what
    FROM households h
    WHERE h.户联系电话 IS NULL OR h.电话有误_户联系电话 = 1 OR h.电话重号_户联系电话 = 1
    UNION ALL
    SELECT m.户编号, m._row,
           '成员' || COALESCE(m.姓名, '') || '（第' || CAST(m._line AS VARCHAR) || '行）联系电话 ' || m.成员联系电话
           || CASE WHEN m.电话有误_成员联系电话 = 1 THEN ' 不是11位手机号或以0开头的固话' ELSE '' END
           || CASE WHEN m.电话重号_成员联系电话 = 1
                          THEN CASE WHEN m.电话有误_成员联系电话 = 1 THEN '，且' ELSE ' ' END || '含连续7位及以上相同数字'
                          ELSE '' END
    FROM members m
    WHERE m.户编号 IS NOT NULL AND (m.电话有误_成员联系电话 = 1 OR m.电话重号_成员联系电话 = 1)
)
SELECT h._row,
       CASE WHEN MIN(b._ord) >= 0 THEN '成员联系电话'
            WHEN MAX(b._ord) < 0 THEN '户联系电话' ELSE '户联系电话、成员联系电话' END AS 问题字段,
       STRING_AGG(b.what, '；' ORDER BY b._ord) AS 说明
FROM households h JOIN bad b ON b.户编号 = h.户编号
GROUP BY h._row
