-- C13 健康状况含 残疾 且 证件类型 ≠ 残疾人证（空也算 ≠）且 证件号码不是 ID20 形式 且 残疾证办证年度为空（列不存在按空）。
SELECT _row,
       CASE WHEN C组存在字段 LIKE '%,残疾证办证年度,%' THEN '健康状况、证件类型、残疾证办证年度'
            ELSE '健康状况、证件类型' END AS 问题字段,
       '健康状况含残疾，但证件类型' || CASE WHEN 证件类型 IS NULL THEN '为空' ELSE '为“' || 证件类型 || '”' END
       || '（不是残疾人证）、证件号码不是20位残疾人证号，残疾证办证年度'
       || CASE WHEN C组存在字段 LIKE '%,残疾证办证年度,%' THEN '为空' ELSE '列不存在' END
       || '：无残疾人证信息，请核实' AS 说明
FROM members
WHERE 含残疾 = 1
  AND COALESCE(证件类型, '') <> '残疾人证'
  AND COALESCE(证件形式, '') <> 'ID20'
  AND 残疾证办证年度 IS NULL
