-- I15 帮扶消除但风险类型无对应帮扶措施：已消除 且 风险消除方式 = 帮扶消除 时，
-- (a) R(户) 含 因病 且 健康帮扶、社会帮扶、综合保障 在户内均为空；
-- (b) R(户) 含 因学 且 教育帮扶、义务教育保障、社会帮扶 在户内均为空。不存在的列按空（有_… = 0）。
SELECT _row,
       CASE WHEN a = 1 AND b = 1 THEN '健康帮扶、社会帮扶、综合保障、教育帮扶、义务教育保障'
            WHEN a = 1 THEN '健康帮扶、社会帮扶、综合保障'
            ELSE '教育帮扶、义务教育保障、社会帮扶' END AS 问题字段,
       '帮扶消除，但'
       || CASE WHEN a = 1 THEN '(a) 风险含 因病，健康帮扶、社会帮扶、综合保障在户内均为空' ELSE '' END
       || CASE WHEN a = 1 AND b = 1 THEN '；' ELSE '' END
       || CASE WHEN b = 1 THEN '(b) 风险含 因学，教育帮扶、义务教育保障、社会帮扶在户内均为空' ELSE '' END AS 说明
FROM (SELECT _row,
             CASE WHEN 风险集合 LIKE '%,因病,%' AND 有_健康帮扶 = 0 AND 有_社会帮扶 = 0 AND 有_综合保障 = 0
                  THEN 1 ELSE 0 END AS a,
             CASE WHEN 风险集合 LIKE '%,因学,%' AND 有_教育帮扶 = 0 AND 有_义务教育保障 = 0 AND 有_社会帮扶 = 0
                  THEN 1 ELSE 0 END AS b
      FROM households
      WHERE 已消除 = 1 AND 风险消除方式 = '帮扶消除') AS h
WHERE a = 1 OR b = 1
