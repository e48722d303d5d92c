-- B08 家庭人口数与成员行数不一致：n = 户内活动行数（成员数）。户值(家庭人口数) 为空、不是非负整数，或 ≠ n 时标记
-- （子类：为空 / 非整数 / 不一致，并给出声明值与 n）。声明值按原文给出，不转换类型（超大数值也不会出错）。
SELECT _row,
       CASE WHEN 家庭人口数 IS NULL THEN '为空：家庭人口数为空，成员行数 ' || CAST(成员数 AS VARCHAR)
            WHEN 数_家庭人口数 IS NULL OR 数_家庭人口数 < 0 OR 数_家庭人口数 <> FLOOR(数_家庭人口数)
                 THEN '非整数：家庭人口数“' || 家庭人口数 || '”不是非负整数，成员行数 ' || CAST(成员数 AS VARCHAR)
            ELSE '不一致：家庭人口数 ' || 家庭人口数 || ' 与成员行数 ' || CAST(成员数 AS VARCHAR) || ' 不一致'
       END AS 说明
FROM households
WHERE 家庭人口数 IS NULL
   OR 数_家庭人口数 IS NULL OR 数_家庭人口数 < 0 OR 数_家庭人口数 <> FLOOR(数_家庭人口数)
   OR 数_家庭人口数 <> 成员数
