-- I01 通过帮扶消除风险时人均纯收入低于监测范围：已消除 且 风险消除方式 = 帮扶消除 且 数(户值(人均纯收入)) < 阈值。
-- 阈值 = 村收入线（threshold_source=行政村表，且行政村表中有本户 乡+村 的 农民人均纯收入），否则 消除时收入线
-- （ym(消除监测时间) 所在月最后一天有效的监测线；无法解析时取 ref_date 的监测线）。
-- 阈值为 NULL（未配置该日的监测线）、人均纯收入为空或非数值时不判定。
{% import "_macros.sql" as shared %}
SELECT _row,
       '人均纯收入 ' || 人均纯收入 || ' 低于'
       || CASE WHEN 村收入线 IS NOT NULL
               THEN '行政村表中本村农民人均纯收入 '
                    || {{ shared.number_text("村收入线") }}
               ELSE '监测线 '
                    || {{ shared.number_text("消除时收入线") }}
                    || CASE WHEN 月_消除监测时间 IS NULL THEN '（消除监测时间无法识别，按报告期末的监测线）'
                            ELSE '（消除监测时间 ' || 消除监测时间 || ' 时有效）' END
          END
       || '，风险消除方式却为 帮扶消除' AS 说明
FROM (SELECT _row, 人均纯收入, 数_人均纯收入, 消除监测时间, 月_消除监测时间, 村收入线, 消除时收入线,
             COALESCE(村收入线, 消除时收入线) AS 阈值
      FROM households
      WHERE 已消除 = 1 AND 风险消除方式 = '帮扶消除') AS h
WHERE 数_人均纯收入 IS NOT NULL AND 阈值 IS NOT NULL AND 数_人均纯收入 < 阈值
