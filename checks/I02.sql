-- I02 整户无劳动力监测对象户已消除风险：已消除（任何消除方式）且 户内所有活动成员 劳动技能非空且 ∈ i02_labour。
SELECT h._row,
       '已消除风险（' || COALESCE(h.风险消除方式, '消除方式为空') || '），但全户 ' || CAST(h.成员数 AS VARCHAR)
       || ' 人均无劳动力：' || l.构成 AS 说明
FROM households AS h
JOIN (SELECT 户编号, STRING_AGG(劳动技能 || ' ' || CAST(n AS VARCHAR) || ' 人', '、' ORDER BY 劳动技能) AS 构成
      FROM (SELECT 户编号, 劳动技能, COUNT(*) AS n FROM members
            WHERE 户编号 IS NOT NULL GROUP BY 户编号, 劳动技能) AS c
      GROUP BY 户编号) AS l ON l.户编号 = h.户编号
WHERE h.已消除 = 1
  AND NOT EXISTS (SELECT 1 FROM members AS m
                  WHERE m.户编号 = h.户编号 AND (m.劳动技能 IS NULL OR m.劳动技能 NOT IN (:i02_labour)))
