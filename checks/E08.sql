-- E08 享受就业帮扶或公益岗位帮扶但识别以来家中无人务工（rules.csv E08）。就业帮扶、公益岗位帮扶
-- 两列都不存在时不执行（meta.any_of）。监测户 且（就业帮扶 或 公益岗位帮扶 在户内非空）且 户内没有
-- 活动成员：识别后有务工（有务工(r)，务工监测表记录只计未在识别月之前结束的，见 prepare._derive_E）、
-- 数(公益性岗位(月数)) > 0、公益性岗位类型非空且 ≠ 无。
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
  AND NOT EXISTS (
      SELECT 1 FROM members m
      WHERE m.户编号 = h.户编号
        AND (m.识别后有务工 = 1 OR m.岗位月数 > 0 OR (m.公益性岗位类型 IS NOT NULL AND m.公益性岗位类型 <> '无')))
