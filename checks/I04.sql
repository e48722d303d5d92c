-- I04 识别监测时间晚于风险消除时间：两个户值都能按年月解析 且 ym(消除监测时间) < ym(识别监测时间)。
SELECT _row,
       '消除监测时间 ' || 消除监测时间 || ' 早于识别监测时间 ' || 识别监测时间 AS 说明
FROM households
WHERE 月_识别监测时间 IS NOT NULL AND 月_消除监测时间 IS NOT NULL AND 月_消除监测时间 < 月_识别监测时间
