-- A08 证件号码区划代码异常（提示）：ID18/ID20/ID22、未被 A02 标记、不是其他证件时判定，命中任一即标记：
-- (a) 前2位不是省级代码；(b) 配置了 division_codes 时前6位不在表中（区划代码不在表，prepare；未配置为 NULL）；
-- (c) local_prefix 非空且号码不以其开头（外地户籍）；(d) ID22 形式（含义不明）。
SELECT _row,
       SUBSTR(CASE WHEN a = 1 THEN '；前2位 ' || SUBSTR(证件号码, 1, 2) || ' 不是有效的省级行政区划代码' ELSE '' END
              || CASE WHEN b = 1 THEN '；前6位 ' || SUBSTR(证件号码, 1, 6) || ' 不在配置的行政区划代码表中' ELSE '' END
              || CASE WHEN c = 1 THEN '；号码不以本地区划代码 ' || CAST(:local_prefix AS VARCHAR) || ' 开头（外地户籍，仅提示）' ELSE '' END
              || CASE WHEN d = 1 THEN '；号码为22位，含义不明，请核实' ELSE '' END, 2) AS 说明
FROM (
    SELECT _row, 证件号码,
           CASE WHEN SUBSTR(证件号码, 1, 2) NOT IN ('11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33',
                     '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61',
                     '62', '63', '64', '65', '71', '81', '82', '83') THEN 1 ELSE 0 END AS a,
           COALESCE(区划代码不在表, 0) AS b,
           CASE WHEN CAST(:local_prefix AS VARCHAR) <> ''
                     AND SUBSTR(UPPER(证件号码), 1, LENGTH(CAST(:local_prefix AS VARCHAR))) <> UPPER(CAST(:local_prefix AS VARCHAR))
                THEN 1 ELSE 0 END AS c,
           CASE WHEN 证件形式 = 'ID22' THEN 1 ELSE 0 END AS d
    FROM members
    WHERE 证件形式 IN ('ID18', 'ID20', 'ID22') AND 证件号码缺陷 IS NULL AND 其他证件 = 0
) t
WHERE a = 1 OR b = 1 OR c = 1 OR d = 1
