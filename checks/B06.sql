-- B06 户主性别与成员称谓推断矛盾：只对恰有1个户主且户主性别已知（取法同 B04）的户判定，命中任一即标记：
-- 户内有 之公公/之婆婆 而户主为男；户内有 之岳父/之岳母 而户主为女；户内同时有（之公公/之婆婆）与（之岳父/之岳母）。
WITH hh AS (
    SELECT h.户编号, h._row, hm.有效性别 AS 户主性别,
           (SELECT STRING_AGG(rel, '、' ORDER BY rel) FROM (SELECT DISTINCT m.与户主关系 AS rel FROM members m
             WHERE m.户编号 = h.户编号 AND m.与户主关系 IN ('之公公', '之婆婆')) x) AS 夫家,
           (SELECT STRING_AGG(rel, '、' ORDER BY rel) FROM (SELECT DISTINCT m.与户主关系 AS rel FROM members m
             WHERE m.户编号 = h.户编号 AND m.与户主关系 IN ('之岳父', '之岳母')) y) AS 妻家
    FROM households h JOIN members hm ON hm._row = h._head_row
    WHERE h.户主数 = 1 AND hm.有效性别 IS NOT NULL
)
SELECT _row,
       CASE WHEN 夫家 IS NOT NULL AND 妻家 IS NOT NULL
            THEN '户内同时有' || 夫家 || '（丈夫的父母）与' || 妻家 || '（妻子的父母），称谓相互矛盾；户主性别为' || 户主性别
            WHEN 夫家 IS NOT NULL THEN '户内有' || 夫家 || '（丈夫的父母），户主应为女性，但户主性别为男'
            ELSE '户内有' || 妻家 || '（妻子的父母），户主应为男性，但户主性别为女' END AS 说明
FROM hh
WHERE (夫家 IS NOT NULL AND 户主性别 = '男')
   OR (妻家 IS NOT NULL AND 户主性别 = '女')
   OR (夫家 IS NOT NULL AND 妻家 IS NOT NULL)
