-- C09 是否参加大病保险 为空或不属于 {是,否}。
SELECT _row,
       CASE WHEN 是否参加大病保险 IS NULL THEN '是否参加大病保险为空'
            ELSE '是否参加大病保险“' || 是否参加大病保险 || '”无效（应填 是 或 否）'
       END AS 说明
FROM members
WHERE 是否参加大病保险 IS NULL OR 是否参加大病保险 NOT IN (:codes_是否)
