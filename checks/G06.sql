-- G06 识别时人均纯收入高于20000元：监测户 且 ym(识别监测时间) ≥ g06_since 且 数(户值(人均纯收入)) > high_income 时标记。
-- g06_since 写作 YYYYMM（默认 202301），月_识别监测时间 为 年*12+月，故换算为 年*12+月 比较。
SELECT _row, '人均纯收入' AS 问题字段,
       '识别监测时间 ' || 识别监测时间 || '（' || CAST(:g06_since AS VARCHAR) || ' 及以后识别），人均纯收入 '
         || 人均纯收入 || ' 元，高于 ' || CAST(:high_income AS VARCHAR) || ' 元' AS 说明
FROM households
WHERE 监测户 = 1
  AND 月_识别监测时间 >= FLOOR(:g06_since / 100) * 12 + (:g06_since % 100)
  AND 数_人均纯收入 > :high_income
