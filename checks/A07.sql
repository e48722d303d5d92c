-- A07 身份证号码重复。参与行：活动行，不是其他证件，证件号码未被 A02 标记或只以子类(4)标记；
-- 键 = ID18/ID20/ID22 前18位大写，ID15 原15位（即 证件键）。键出现在 2 个及以上参与行时，每个（户编号, 键）
-- 一条发现，挂在该户中第一次出现的行上，列出全部出现的行号；子类：同户重复 / 跨户重复（列出其他户编号）。
-- 户编号为空的行按一个“户编号为空”的组处理。发现键另含户编号（meta.identity_includes_household）。
WITH p AS (
    SELECT _row, _line, _file, COALESCE(户编号, '') AS hh, 证件键 AS k
    FROM members
    WHERE 其他证件 = 0 AND 证件键 IS NOT NULL AND (证件号码缺陷 IS NULL OR 证件号码缺陷 = 4)
),
d AS (
    SELECT k FROM p GROUP BY k HAVING COUNT(*) > 1
),
occ AS (
    SELECT p._row, p._line, p._file, p.hh, p.k,
           ROW_NUMBER() OVER (PARTITION BY p.k, p.hh ORDER BY p._row) AS rn,
           COUNT(*) OVER (PARTITION BY p.k, p.hh) AS n_here,
           COUNT(*) OVER (PARTITION BY p.k) AS n_all,
           MIN(p.hh) OVER (PARTITION BY p.k) AS hh_min,
           MAX(p.hh) OVER (PARTITION BY p.k) AS hh_max,
           CASE WHEN MIN(p._file) OVER (PARTITION BY p.k) <> MAX(p._file) OVER (PARTITION BY p.k)
                THEN p._file || ' ' ELSE '' END || '第' || CAST(p._line AS VARCHAR) || '行' AS place
    FROM p JOIN d ON d.k = p.k
),
lines AS (
    SELECT k, STRING_AGG(place, '、' ORDER BY _row) AS places FROM occ GROUP BY k
),
hhs AS (
    SELECT DISTINCT k, hh FROM occ
),
others AS (
    SELECT a.k, a.hh,
           STRING_AGG(CASE WHEN o.hh = '' THEN '（户编号为空）' ELSE o.hh END, '、' ORDER BY o.hh) AS hh_list
    FROM hhs a JOIN hhs o ON o.k = a.k AND o.hh <> a.hh
    GROUP BY a.k, a.hh
)
SELECT a._row,
       CASE WHEN a.hh_min = a.hh_max AND a.hh = ''
            THEN '同户重复（户编号均为空）：证件号码出现 ' || CAST(a.n_here AS VARCHAR) || ' 次（' || l.places || '）'
            WHEN a.hh_min = a.hh_max
            THEN '同户重复：证件号码在本户出现 ' || CAST(a.n_here AS VARCHAR) || ' 次（' || l.places || '）'
            ELSE '跨户重复：证件号码共出现 ' || CAST(a.n_all AS VARCHAR) || ' 次，还出现在户编号 ' || o.hh_list
                 || '（全部出现行：' || l.places || '）' END AS 说明
FROM occ a
JOIN lines l ON l.k = a.k
LEFT JOIN others o ON o.k = a.k AND o.hh = a.hh
WHERE a.rn = 1
