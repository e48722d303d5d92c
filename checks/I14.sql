-- I14 风险消除状态、方式、时间为空、有误或相互矛盾（监测户）。子类，命中的都列出：
-- (a) 风险是否已消除 为空或 ∉ {是,否}；(b) = 是 且（风险消除方式为空 或 消除监测时间为空）；
-- (c) = 否 且（风险消除方式非空 或 消除监测时间非空）；(d) 风险消除方式非空且不在代码表（帮扶消除、自然消除）；
-- (e) 消除监测时间非空且（无法按年月解析，或 ym(消除监测时间) > 报告月）。
SELECT _row,
       SUBSTR(CASE WHEN a = 1 THEN '、风险是否已消除' ELSE '' END
              || CASE WHEN (b = 1 AND 方式 IS NULL) OR (c = 1 AND 方式 IS NOT NULL) OR d = 1
                      THEN '、风险消除方式' ELSE '' END
              || CASE WHEN (b = 1 AND 时间 IS NULL) OR (c = 1 AND 时间 IS NOT NULL) OR e = 1
                      THEN '、消除监测时间' ELSE '' END, 2) AS 问题字段,
       SUBSTR(CASE WHEN a = 1
                   THEN '；(a) 风险是否已消除' || CASE WHEN 状态 IS NULL THEN '为空' ELSE '为 ' || 状态 || '，不是 是/否' END
                   ELSE '' END
              || CASE WHEN b = 1
                      THEN '；(b) 风险已消除，但'
                           || CASE WHEN 方式 IS NULL AND 时间 IS NULL THEN '风险消除方式和消除监测时间均为空'
                                   WHEN 方式 IS NULL THEN '风险消除方式为空'
                                   ELSE '消除监测时间为空' END
                      ELSE '' END
              || CASE WHEN c = 1
                      THEN '；(c) 风险未消除，却填写了'
                           || CASE WHEN 方式 IS NOT NULL AND 时间 IS NOT NULL
                                   THEN '风险消除方式 ' || 方式 || ' 和消除监测时间 ' || 时间
                                   WHEN 方式 IS NOT NULL THEN '风险消除方式 ' || 方式
                                   ELSE '消除监测时间 ' || 时间 END
                      ELSE '' END
              || CASE WHEN d = 1 THEN '；(d) 风险消除方式 ' || 方式 || ' 不是 帮扶消除/自然消除' ELSE '' END
              || CASE WHEN e = 1
                      THEN '；(e) 消除监测时间 ' || 时间
                           || CASE WHEN 月_时间 IS NULL THEN ' 无法识别为年月' ELSE ' 晚于报告月' END
                      ELSE '' END, 2) AS 说明
FROM (SELECT _row, 风险是否已消除 AS 状态, 风险消除方式 AS 方式, 消除监测时间 AS 时间, 月_消除监测时间 AS 月_时间,
             CASE WHEN 风险是否已消除 IS NULL OR 风险是否已消除 NOT IN ('是', '否') THEN 1 ELSE 0 END AS a,
             CASE WHEN 风险是否已消除 = '是' AND (风险消除方式 IS NULL OR 消除监测时间 IS NULL) THEN 1 ELSE 0 END AS b,
             CASE WHEN 风险是否已消除 = '否' AND (风险消除方式 IS NOT NULL OR 消除监测时间 IS NOT NULL)
                  THEN 1 ELSE 0 END AS c,
             CASE WHEN 风险消除方式 IS NOT NULL AND 风险消除方式 NOT IN (:codes_风险消除方式) THEN 1 ELSE 0 END AS d,
             CASE WHEN 消除监测时间 IS NOT NULL
                       AND (月_消除监测时间 IS NULL OR 月_消除监测时间 > :report_month) THEN 1 ELSE 0 END AS e
      FROM households
      WHERE 监测户 = 1) AS h
WHERE a = 1 OR b = 1 OR c = 1 OR d = 1 OR e = 1
