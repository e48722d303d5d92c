-- A04 证件号码中的出生日期无效：id_ok（且不是其他证件）时，ID18/ID20/ID22 第7–14位、ID15 "19"+第7–12位
-- 作为 YYYYMMDD，不是有效公历日期、年份 < 1900 或晚于 ref_date 时标记（证件出生无效、证件出生日期缺陷 见 prepare）。
SELECT _row,
       '证件号码中的出生日期 ' || CASE WHEN 证件形式 = 'ID15' THEN '19' || SUBSTR(证件号码, 7, 6)
                                       ELSE SUBSTR(证件号码, 7, 8) END
       || CASE 证件出生日期缺陷 WHEN 1 THEN ' 不是有效日期'
                       WHEN 2 THEN ' 早于1900年'
                       ELSE ' 晚于参照日期（数据期末）' END AS 说明
FROM members
WHERE 证件有效 = 1 AND 其他证件 = 0 AND 证件出生无效 = 1
