-- E09 帮扶措施登记外出务工补贴但交通补贴为0（rules.csv E09；需要务工监测表）。就业帮扶 在户内任一项含
-- “外出务工补贴”或“交通补贴”（项内不含分隔符，所以对逗号连接的项做子串匹配即按项判断）且 该户（按户编号）
-- 在务工监测表中全部记录的 年度交通费补助 之和 = 0（空或非数值按 0；该户无记录也按 0）。
-- 按户编号关联：务工监测表没有 户编号 列时不执行（meta.any_of），而不是把每户都当作无记录。
SELECT _row,
       '就业帮扶' AS 问题字段,
       '就业帮扶登记了外出务工补贴或交通补贴，但务工监测表中该户'
       || CASE WHEN n = 0 THEN '没有任何记录（年度交通费补助按 0）'
               ELSE '的 ' || n || ' 条记录年度交通费补助合计为 0' END AS 说明
FROM (
    SELECT h._row,
           (SELECT COUNT(*) FROM work w WHERE w.户编号 = h.户编号) AS n,
           (SELECT COALESCE(SUM(COALESCE(w.数_年度交通费补助, 0)), 0) FROM work w WHERE w.户编号 = h.户编号) AS total
    FROM households h
    WHERE EXISTS (SELECT 1 FROM members m
                  WHERE m.户编号 = h.户编号 AND (m.就业帮扶 LIKE '%外出务工补贴%' OR m.就业帮扶 LIKE '%交通补贴%'))
) AS t
WHERE total = 0
