-- D06 一、二级（重度）残疾有普通劳动能力：健康状况含 残疾 且 证件号码为 ID20 形式
-- 且 第20位（残疾等级）∈ severe_grades 且 第19位（残疾类别）∈ d06_categories
-- 且 劳动技能 ∈ {普通劳动力, 技能劳动力}。没有 ID20 号码的行不判定。
SELECT _row,
       '劳动技能' AS 问题字段,
       '残疾人证号第19位残疾类别为 ' || SUBSTR(证件号码, 19, 1)
       || CASE SUBSTR(证件号码, 19, 1) WHEN '1' THEN '（视力）' WHEN '2' THEN '（听力）' WHEN '3' THEN '（言语）'
               WHEN '4' THEN '（肢体）' WHEN '5' THEN '（智力）' WHEN '6' THEN '（精神）' WHEN '7' THEN '（多重）'
               ELSE '' END
       || '、第20位残疾等级为 ' || SUBSTR(证件号码, 20, 1) || ' 级（重度），健康状况含残疾，但劳动技能为 '
       || 劳动技能 AS 说明
FROM members
WHERE 含残疾 = 1
  AND 证件形式 = 'ID20'
  AND SUBSTR(证件号码, 20, 1) IN (:severe_grades)
  AND SUBSTR(证件号码, 19, 1) IN (:d06_categories)
  AND 劳动技能 IN ('普通劳动力', '技能劳动力')
