-- E08 享受就业帮扶或公益岗位帮扶但识别以来家中无人务工（rules.csv E08）。就业帮扶、公益岗位帮扶
-- 两列都不存在时不执行（meta.any_of）。监测户 且（就业帮扶 或 公益岗位帮扶 在户内非空）且 户内没有
-- 活动成员识别以来有务工或有公益性岗位时标记。识别以来有务工：本表有务工（务工时间 > 0 或务工所在地表明外出），
-- 或务工监测表中有该成员 是否已务工 ≠ 否 的记录，且该记录未在识别月之前结束（结束时间为空或 ym(结束时间) ≥
-- ym(户值(识别监测时间))；两个月份都能解析且结束更早时才不计）。有公益性岗位：数(公益性岗位(月数)) > 0，或
-- 公益性岗位类型非空且 ≠ 无。未提供务工监测表时 work 为空表。
WITH worked AS (
    SELECT m.户编号 FROM members m
    WHERE m.户编号 IS NOT NULL
      AND (m.本表有务工 = 1 OR m.岗位月数 > 0 OR (m.公益性岗位类型 IS NOT NULL AND m.公益性岗位类型 <> '无'))
    UNION
    SELECT m.户编号 FROM members m
    JOIN work w ON w._key = m.人员关联键
    JOIN households hh ON hh.户编号 = m.户编号
    WHERE COALESCE(w.是否已务工, '') <> '否' AND NOT COALESCE(w.月_结束时间 < hh.月_识别监测时间, FALSE)
)
SELECT h._row,
       SUBSTR(CASE WHEN h.有_就业帮扶 = 1 THEN '、就业帮扶' ELSE '' END
              || CASE WHEN h.有_公益岗位帮扶 = 1 THEN '、公益岗位帮扶' ELSE '' END, 2) AS 问题字段,
       '登记了' || SUBSTR(COALESCE('、就业帮扶“' || h.就业帮扶 || '”', '')
                          || COALESCE('、公益岗位帮扶“' || h.公益岗位帮扶 || '”', ''), 2)
       || '，但' || COALESCE('识别监测时间 ' || h.识别监测时间 || ' 以来', '')
       || '户内无人务工，也无人有公益性岗位' AS 说明
FROM households h
WHERE h.监测户 = 1
  AND (h.有_就业帮扶 = 1 OR h.有_公益岗位帮扶 = 1)
  AND NOT EXISTS (SELECT 1 FROM worked k WHERE k.户编号 = h.户编号)
