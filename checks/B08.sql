-- B08 家庭人口数与成员行数不一致：户值(家庭人口数) 为空、不是非负整数，或 ≠ 户内活动行数。
SELECT _row,
       CASE WHEN 家庭人口数 IS NULL THEN '家庭人口数为空；成员行数 ' || 成员数
            WHEN 数_家庭人口数 IS NULL OR 数_家庭人口数 < 0 OR 数_家庭人口数 <> floor(数_家庭人口数)
                 THEN '家庭人口数不是非负整数；成员行数 ' || 成员数
            ELSE '家庭人口数 ' || CAST(CAST(数_家庭人口数 AS INTEGER) AS VARCHAR) || ' 与成员行数 ' || 成员数 || ' 不一致'
       END AS 说明
FROM households
WHERE 家庭人口数 IS NULL
   OR 数_家庭人口数 IS NULL OR 数_家庭人口数 < 0 OR 数_家庭人口数 <> floor(数_家庭人口数)
   OR 数_家庭人口数 <> 成员数
