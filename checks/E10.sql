-- E10 识别后家中无新增县外务工但措施登记劳务输出（rules.csv E10；需要务工监测表）。就业帮扶 在户内任一项
-- 含“劳务输出” 且 识别监测时间可解析 且 该户（按户编号）在务工监测表中没有记录满足 ym(开始时间) ≥
-- ym(识别监测时间)（开始时间无法解析的不计；该户无记录也标记）。县外务工 见 prepare/load.py：表含
-- 务工所在地 时只计县外省内/省外（含“县外”“省外”）的记录，不含该列时不区分县内外。
-- 按户编号关联：务工监测表没有 户编号 列时不执行（meta.any_of），而不是把每户都当作无记录。
SELECT h._row,
       '就业帮扶' AS 问题字段,
       '就业帮扶登记了劳务输出，但务工监测表中该户没有识别监测时间 ' || h.识别监测时间
       || ' 及以后开始的县外务工记录' AS 说明
FROM households h
WHERE h.月_识别监测时间 IS NOT NULL
  AND EXISTS (SELECT 1 FROM members m WHERE m.户编号 = h.户编号 AND m.就业帮扶 LIKE '%劳务输出%')
  AND NOT EXISTS (SELECT 1 FROM work w
                  WHERE w.户编号 = h.户编号 AND w.月_开始时间 >= h.月_识别监测时间 AND w.县外务工 = 1)
