-- C03 劳动技能为空，或变体映射后不在劳动技能代码表内。
SELECT _row,
       CASE WHEN 劳动技能 IS NULL THEN '劳动技能为空'
            ELSE '劳动技能“' || 劳动技能 || '”不在代码表内（应为 普通劳动力、技能劳动力、弱劳动力或半劳动力、丧失劳动力、无劳动力 之一）'
       END AS 说明
FROM members
WHERE 劳动技能 IS NULL OR 劳动技能 NOT IN (:codes_劳动技能)
