-- K01 成员增减后家庭人口数或收入未同步更新：家庭人口数、人均纯收入 两列都不存在时不执行（meta.any_of）。
-- 按户编号匹配上期导出（prev_households），两期户内活动行数不同，且（两期 户值(家庭人口数) 都为整数且相等，
-- 或 两期 户值(人均纯收入) 都为数值且 |本期 − 上期| ≤ per_capita_tolerance）时标记。
-- 人均纯收入按 DECIMAL 精确比较；任一值绝对值 ≥ 10^12 时改按 DOUBLE 计算（DECIMAL 运算可能溢出）。
WITH c AS (
    SELECT h._row, h.成员数, p.members AS 上期成员数, h.家庭人口数, h.人均纯收入,
           COALESCE(p.per_capita_text, CAST(p.per_capita AS VARCHAR)) AS 上期人均,
           CASE WHEN h.数_家庭人口数 = FLOOR(h.数_家庭人口数) AND p.declared_size = FLOOR(p.declared_size)
                     AND h.数_家庭人口数 = p.declared_size THEN 1 ELSE 0 END AS 人口未变,
           CASE WHEN ABS(h.数_人均纯收入) < 1000000000000 AND ABS(p.per_capita) < 1000000000000
                THEN CASE WHEN ABS(h.数_人均纯收入 - p.per_capita) <= :per_capita_tolerance THEN 1 ELSE 0 END
                ELSE CASE WHEN ABS(CAST(h.数_人均纯收入 AS DOUBLE) - CAST(p.per_capita AS DOUBLE)) <= :per_capita_tolerance
                          THEN 1 ELSE 0 END END AS 人均未变
    FROM households h
    JOIN prev_households p ON p.household = h.户编号
    WHERE h.成员数 <> p.members
)
SELECT _row,
       CASE WHEN 人口未变 = 1 AND 人均未变 = 1 THEN '家庭人口数、人均纯收入'
            WHEN 人口未变 = 1 THEN '家庭人口数' ELSE '人均纯收入' END AS 问题字段,
       '户内成员行数由上期 ' || CAST(上期成员数 AS VARCHAR) || ' 变为本期 ' || CAST(成员数 AS VARCHAR) || '，但'
       || CASE WHEN 人口未变 = 1 THEN '家庭人口数仍为 ' || 家庭人口数 ELSE '' END
       || CASE WHEN 人口未变 = 1 AND 人均未变 = 1 THEN '，' ELSE '' END
       || CASE WHEN 人均未变 = 1 THEN '人均纯收入未随之更新（上期 ' || 上期人均 || ' 元，本期 ' || 人均纯收入 || ' 元）'
               ELSE '' END AS 说明
FROM c
WHERE 人口未变 = 1 OR 人均未变 = 1
