-- I12 通过帮扶消除风险的监测对象未享受帮扶措施：已消除 且 风险消除方式 = 帮扶消除 且
-- （措施全空(户) → 子类 无任何帮扶措施；或 导出含 实施开发式帮扶措施情况 且其户值 ≠ 已实施（空也算）
--  → 子类 开发式帮扶措施未实施）。两个子类都成立时都列出。
SELECT _row,
       CASE WHEN 措施全空 = 1 AND 未实施 = 1 THEN '风险消除方式、实施开发式帮扶措施情况'
            WHEN 措施全空 = 1 THEN '风险消除方式'
            ELSE '实施开发式帮扶措施情况' END AS 问题字段,
       CASE WHEN 措施全空 = 1 THEN '子类：无任何帮扶措施（帮扶消除，但导出中的帮扶措施列在户内均为空）' ELSE '' END
       || CASE WHEN 措施全空 = 1 AND 未实施 = 1 THEN '；' ELSE '' END
       || CASE WHEN 未实施 = 1
               THEN '子类：开发式帮扶措施未实施（帮扶消除，但实施开发式帮扶措施情况'
                    || CASE WHEN 实施情况 IS NULL THEN '为空' ELSE '为 ' || 实施情况 END || '）'
               ELSE '' END AS 说明
FROM (SELECT _row, 措施全空, 实施开发式帮扶措施情况 AS 实施情况,
             CASE WHEN 含列_实施开发式帮扶措施情况 = 1 AND COALESCE(实施开发式帮扶措施情况, '') <> '已实施'
                  THEN 1 ELSE 0 END AS 未实施
      FROM households
      WHERE 已消除 = 1 AND 风险消除方式 = '帮扶消除') AS h
WHERE 措施全空 = 1 OR 未实施 = 1
