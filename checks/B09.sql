-- B09 户级字段户内不一致：对 b09_fields 中导出存在的每个字段（可为 fields.md 中任一户级字段，下面每个户级字段
-- 一个分支，由 '字段' IN (:b09_fields) 选中；不存在的列全为空，不会不一致），收集户内活动行的非空值：
-- 代码和文本按规范化后的值比较，证件号码不区分 x/X；金额和整数（家庭人口数、年度）按数值比较，差 ≤ 0.01 视为相同
-- （即数值的最大值 − 最小值 > 0.01 才算不同），非数值按文本比较；年月、日期按解析结果比较，无法解析的按文本比较。
-- 不同值多于1个即为不一致；b09_blank_counts=true 时，同一字段空值与非空值并存也算不一致。
-- 任一字段不一致时标记该户，列出字段、各值（规范化后）及行号。只有一个成员的户不会不一致，先行排除。
-- 分支列表覆盖 auditor/fields.py 中全部户级字段（户编号除外），新增户级字段时在此补一个分支。
WITH mm AS (
    SELECT m.户编号, m._row, m._line, m.省, m.市, m.县, m.乡, m.村, m.户类型, m.户主姓名, m.户主证件号码, m.户联系电话, m.家庭人口数, m.数_家庭人口数, m.年度, m.数_年度, m.识别标准, m.脱贫户属性,
           m.监测对象类别, m."致贫/返贫风险1", m."致贫/返贫风险2", m."致贫/返贫风险3", m."致贫/返贫风险4", m."致贫/返贫风险5", m.因自然灾害子项,
           m.因自然灾害备注, m.其他备注, m.识别监测时间, m.月_识别监测时间, m.风险是否已消除, m.风险消除方式, m.消除监测时间, m.月_消除监测时间, m.整户无劳动能力兜底保障户,
           m.风险线索发现时间, m.日_风险线索发现时间, m.信息采集人, m.信息采集人联系电话, m.是否危房户, m.是否解决安全饮用水, m.是否义务教育阶段适龄儿童少年失学辍学,
           m.风险消除后是否义务教育阶段适龄儿童少年失学辍学, m."是否有家庭成员未参加城乡居民(职工)基本医疗保险", m.与村主干路距离, m.工资性收入, m.数_工资性收入, m.生产经营性收入,
           m.数_生产经营性收入, m.财产性收入, m.数_财产性收入, m.转移性收入, m.数_转移性收入, m.生产经营性支出, m.数_生产经营性支出, m.家庭纯收入, m.数_家庭纯收入,
           m.人均纯收入, m.数_人均纯收入, m.年总收入, m.数_年总收入, m.家庭理赔收入, m.数_家庭理赔收入, m.合规自付支出, m.数_合规自付支出, m.风险消除后工资性收入,
           m.数_风险消除后工资性收入, m.风险消除后财产性收入, m.数_风险消除后财产性收入, m.风险消除后转移性收入, m.数_风险消除后转移性收入, m.风险消除后生产经营性收入,
           m.数_风险消除后生产经营性收入, m.纳入监测对象的收入参考范围, m.纳入监测对象的人均收入参考范围, m.实施开发式帮扶措施情况, m.产业帮扶, m.就业帮扶, m.金融帮扶,
           m.健康帮扶, m.义务教育保障, m.住房安全保障, m.饮水安全保障, m.综合保障, m.社会帮扶, m.搬迁, m.生产生活条件改善, m.基础设施建设, m.公益岗位帮扶, m.教育帮扶,
           m.公益性岗位帮扶其他备注
    FROM members m JOIN households h ON h.户编号 = m.户编号
    WHERE h.成员数 > 1
),
v AS (
    SELECT 户编号, _row, _line, 1 AS pos, '省' AS 字段, 省 AS 值, 省 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '省' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 2 AS pos, '市' AS 字段, 市 AS 值, 市 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '市' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 3 AS pos, '县' AS 字段, 县 AS 值, 县 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '县' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 4 AS pos, '乡' AS 字段, 乡 AS 值, 乡 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '乡' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 5 AS pos, '村' AS 字段, 村 AS 值, 村 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '村' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 6 AS pos, '户类型' AS 字段, 户类型 AS 值, 户类型 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '户类型' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 7 AS pos, '户主姓名' AS 字段, 户主姓名 AS 值, 户主姓名 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '户主姓名' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 8 AS pos, '户主证件号码' AS 字段, 户主证件号码 AS 值, UPPER(户主证件号码) AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '户主证件号码' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 9 AS pos, '户联系电话' AS 字段, 户联系电话 AS 值, 户联系电话 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '户联系电话' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 10 AS pos, '家庭人口数' AS 字段, 家庭人口数 AS 值, CASE WHEN 数_家庭人口数 IS NULL THEN 家庭人口数 END AS 键, 数_家庭人口数 AS 数
    FROM mm WHERE '家庭人口数' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 11 AS pos, '年度' AS 字段, 年度 AS 值, CASE WHEN 数_年度 IS NULL THEN 年度 END AS 键, 数_年度 AS 数
    FROM mm WHERE '年度' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 12 AS pos, '识别标准' AS 字段, 识别标准 AS 值, 识别标准 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '识别标准' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 13 AS pos, '脱贫户属性' AS 字段, 脱贫户属性 AS 值, 脱贫户属性 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '脱贫户属性' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 14 AS pos, '监测对象类别' AS 字段, 监测对象类别 AS 值, 监测对象类别 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '监测对象类别' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 15 AS pos, '致贫/返贫风险1' AS 字段, "致贫/返贫风险1" AS 值, "致贫/返贫风险1" AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '致贫/返贫风险1' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 16 AS pos, '致贫/返贫风险2' AS 字段, "致贫/返贫风险2" AS 值, "致贫/返贫风险2" AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '致贫/返贫风险2' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 17 AS pos, '致贫/返贫风险3' AS 字段, "致贫/返贫风险3" AS 值, "致贫/返贫风险3" AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '致贫/返贫风险3' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 18 AS pos, '致贫/返贫风险4' AS 字段, "致贫/返贫风险4" AS 值, "致贫/返贫风险4" AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '致贫/返贫风险4' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 19 AS pos, '致贫/返贫风险5' AS 字段, "致贫/返贫风险5" AS 值, "致贫/返贫风险5" AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '致贫/返贫风险5' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 20 AS pos, '因自然灾害子项' AS 字段, 因自然灾害子项 AS 值, 因自然灾害子项 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '因自然灾害子项' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 21 AS pos, '因自然灾害备注' AS 字段, 因自然灾害备注 AS 值, 因自然灾害备注 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '因自然灾害备注' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 22 AS pos, '其他备注' AS 字段, 其他备注 AS 值, 其他备注 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '其他备注' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 23 AS pos, '识别监测时间' AS 字段, 识别监测时间 AS 值, CASE WHEN 月_识别监测时间 IS NOT NULL THEN 'M' || CAST(月_识别监测时间 AS VARCHAR) ELSE 'T' || 识别监测时间 END AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '识别监测时间' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 24 AS pos, '风险是否已消除' AS 字段, 风险是否已消除 AS 值, 风险是否已消除 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '风险是否已消除' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 25 AS pos, '风险消除方式' AS 字段, 风险消除方式 AS 值, 风险消除方式 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '风险消除方式' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 26 AS pos, '消除监测时间' AS 字段, 消除监测时间 AS 值, CASE WHEN 月_消除监测时间 IS NOT NULL THEN 'M' || CAST(月_消除监测时间 AS VARCHAR) ELSE 'T' || 消除监测时间 END AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '消除监测时间' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 27 AS pos, '整户无劳动能力兜底保障户' AS 字段, 整户无劳动能力兜底保障户 AS 值, 整户无劳动能力兜底保障户 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '整户无劳动能力兜底保障户' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 28 AS pos, '风险线索发现时间' AS 字段, 风险线索发现时间 AS 值, CASE WHEN 日_风险线索发现时间 IS NOT NULL THEN 'D' || CAST(日_风险线索发现时间 AS VARCHAR) ELSE 'T' || 风险线索发现时间 END AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '风险线索发现时间' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 29 AS pos, '信息采集人' AS 字段, 信息采集人 AS 值, 信息采集人 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '信息采集人' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 30 AS pos, '信息采集人联系电话' AS 字段, 信息采集人联系电话 AS 值, 信息采集人联系电话 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '信息采集人联系电话' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 31 AS pos, '是否危房户' AS 字段, 是否危房户 AS 值, 是否危房户 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '是否危房户' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 32 AS pos, '是否解决安全饮用水' AS 字段, 是否解决安全饮用水 AS 值, 是否解决安全饮用水 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '是否解决安全饮用水' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 33 AS pos, '是否义务教育阶段适龄儿童少年失学辍学' AS 字段, 是否义务教育阶段适龄儿童少年失学辍学 AS 值, 是否义务教育阶段适龄儿童少年失学辍学 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '是否义务教育阶段适龄儿童少年失学辍学' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 34 AS pos, '风险消除后是否义务教育阶段适龄儿童少年失学辍学' AS 字段, 风险消除后是否义务教育阶段适龄儿童少年失学辍学 AS 值, 风险消除后是否义务教育阶段适龄儿童少年失学辍学 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '风险消除后是否义务教育阶段适龄儿童少年失学辍学' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 35 AS pos, '是否有家庭成员未参加城乡居民(职工)基本医疗保险' AS 字段, "是否有家庭成员未参加城乡居民(职工)基本医疗保险" AS 值, "是否有家庭成员未参加城乡居民(职工)基本医疗保险" AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '是否有家庭成员未参加城乡居民(职工)基本医疗保险' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 36 AS pos, '与村主干路距离' AS 字段, 与村主干路距离 AS 值, 与村主干路距离 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '与村主干路距离' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 37 AS pos, '工资性收入' AS 字段, 工资性收入 AS 值, CASE WHEN 数_工资性收入 IS NULL THEN 工资性收入 END AS 键, 数_工资性收入 AS 数
    FROM mm WHERE '工资性收入' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 38 AS pos, '生产经营性收入' AS 字段, 生产经营性收入 AS 值, CASE WHEN 数_生产经营性收入 IS NULL THEN 生产经营性收入 END AS 键, 数_生产经营性收入 AS 数
    FROM mm WHERE '生产经营性收入' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 39 AS pos, '财产性收入' AS 字段, 财产性收入 AS 值, CASE WHEN 数_财产性收入 IS NULL THEN 财产性收入 END AS 键, 数_财产性收入 AS 数
    FROM mm WHERE '财产性收入' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 40 AS pos, '转移性收入' AS 字段, 转移性收入 AS 值, CASE WHEN 数_转移性收入 IS NULL THEN 转移性收入 END AS 键, 数_转移性收入 AS 数
    FROM mm WHERE '转移性收入' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 41 AS pos, '生产经营性支出' AS 字段, 生产经营性支出 AS 值, CASE WHEN 数_生产经营性支出 IS NULL THEN 生产经营性支出 END AS 键, 数_生产经营性支出 AS 数
    FROM mm WHERE '生产经营性支出' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 42 AS pos, '家庭纯收入' AS 字段, 家庭纯收入 AS 值, CASE WHEN 数_家庭纯收入 IS NULL THEN 家庭纯收入 END AS 键, 数_家庭纯收入 AS 数
    FROM mm WHERE '家庭纯收入' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 43 AS pos, '人均纯收入' AS 字段, 人均纯收入 AS 值, CASE WHEN 数_人均纯收入 IS NULL THEN 人均纯收入 END AS 键, 数_人均纯收入 AS 数
    FROM mm WHERE '人均纯收入' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 44 AS pos, '年总收入' AS 字段, 年总收入 AS 值, CASE WHEN 数_年总收入 IS NULL THEN 年总收入 END AS 键, 数_年总收入 AS 数
    FROM mm WHERE '年总收入' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 45 AS pos, '家庭理赔收入' AS 字段, 家庭理赔收入 AS 值, CASE WHEN 数_家庭理赔收入 IS NULL THEN 家庭理赔收入 END AS 键, 数_家庭理赔收入 AS 数
    FROM mm WHERE '家庭理赔收入' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 46 AS pos, '合规自付支出' AS 字段, 合规自付支出 AS 值, CASE WHEN 数_合规自付支出 IS NULL THEN 合规自付支出 END AS 键, 数_合规自付支出 AS 数
    FROM mm WHERE '合规自付支出' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 47 AS pos, '风险消除后工资性收入' AS 字段, 风险消除后工资性收入 AS 值, CASE WHEN 数_风险消除后工资性收入 IS NULL THEN 风险消除后工资性收入 END AS 键, 数_风险消除后工资性收入 AS 数
    FROM mm WHERE '风险消除后工资性收入' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 48 AS pos, '风险消除后财产性收入' AS 字段, 风险消除后财产性收入 AS 值, CASE WHEN 数_风险消除后财产性收入 IS NULL THEN 风险消除后财产性收入 END AS 键, 数_风险消除后财产性收入 AS 数
    FROM mm WHERE '风险消除后财产性收入' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 49 AS pos, '风险消除后转移性收入' AS 字段, 风险消除后转移性收入 AS 值, CASE WHEN 数_风险消除后转移性收入 IS NULL THEN 风险消除后转移性收入 END AS 键, 数_风险消除后转移性收入 AS 数
    FROM mm WHERE '风险消除后转移性收入' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 50 AS pos, '风险消除后生产经营性收入' AS 字段, 风险消除后生产经营性收入 AS 值, CASE WHEN 数_风险消除后生产经营性收入 IS NULL THEN 风险消除后生产经营性收入 END AS 键, 数_风险消除后生产经营性收入 AS 数
    FROM mm WHERE '风险消除后生产经营性收入' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 51 AS pos, '纳入监测对象的收入参考范围' AS 字段, 纳入监测对象的收入参考范围 AS 值, 纳入监测对象的收入参考范围 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '纳入监测对象的收入参考范围' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 52 AS pos, '纳入监测对象的人均收入参考范围' AS 字段, 纳入监测对象的人均收入参考范围 AS 值, 纳入监测对象的人均收入参考范围 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '纳入监测对象的人均收入参考范围' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 53 AS pos, '实施开发式帮扶措施情况' AS 字段, 实施开发式帮扶措施情况 AS 值, 实施开发式帮扶措施情况 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '实施开发式帮扶措施情况' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 54 AS pos, '产业帮扶' AS 字段, 产业帮扶 AS 值, 产业帮扶 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '产业帮扶' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 55 AS pos, '就业帮扶' AS 字段, 就业帮扶 AS 值, 就业帮扶 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '就业帮扶' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 56 AS pos, '金融帮扶' AS 字段, 金融帮扶 AS 值, 金融帮扶 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '金融帮扶' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 57 AS pos, '健康帮扶' AS 字段, 健康帮扶 AS 值, 健康帮扶 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '健康帮扶' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 58 AS pos, '义务教育保障' AS 字段, 义务教育保障 AS 值, 义务教育保障 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '义务教育保障' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 59 AS pos, '住房安全保障' AS 字段, 住房安全保障 AS 值, 住房安全保障 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '住房安全保障' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 60 AS pos, '饮水安全保障' AS 字段, 饮水安全保障 AS 值, 饮水安全保障 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '饮水安全保障' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 61 AS pos, '综合保障' AS 字段, 综合保障 AS 值, 综合保障 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '综合保障' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 62 AS pos, '社会帮扶' AS 字段, 社会帮扶 AS 值, 社会帮扶 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '社会帮扶' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 63 AS pos, '搬迁' AS 字段, 搬迁 AS 值, 搬迁 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '搬迁' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 64 AS pos, '生产生活条件改善' AS 字段, 生产生活条件改善 AS 值, 生产生活条件改善 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '生产生活条件改善' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 65 AS pos, '基础设施建设' AS 字段, 基础设施建设 AS 值, 基础设施建设 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '基础设施建设' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 66 AS pos, '公益岗位帮扶' AS 字段, 公益岗位帮扶 AS 值, 公益岗位帮扶 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '公益岗位帮扶' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 67 AS pos, '教育帮扶' AS 字段, 教育帮扶 AS 值, 教育帮扶 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '教育帮扶' IN (:b09_fields)
    UNION ALL
    SELECT 户编号, _row, _line, 68 AS pos, '公益性岗位帮扶其他备注' AS 字段, 公益性岗位帮扶其他备注 AS 值, 公益性岗位帮扶其他备注 AS 键, CAST(NULL AS DECIMAL(38, 6)) AS 数
    FROM mm WHERE '公益性岗位帮扶其他备注' IN (:b09_fields)
),
agg AS (
    SELECT 户编号, pos, 字段
    FROM v
    GROUP BY 户编号, pos, 字段
    HAVING COUNT(DISTINCT 键) + CASE WHEN COUNT(数) > 0 THEN 1 ELSE 0 END > 1
        OR MAX(数) - MIN(数) > 0.01
        OR (:b09_blank_counts = 1 AND COUNT(值) > 0 AND COUNT(值) < COUNT(*))
),
vals AS (
    SELECT v.户编号, v.pos, v.字段, COALESCE(v.值, '（空）') AS shown, MIN(v._row) AS first_row,
           STRING_AGG(CAST(v._line AS VARCHAR), '、' ORDER BY v._row) AS lines
    FROM v JOIN agg a ON a.户编号 = v.户编号 AND a.pos = v.pos
    WHERE v.值 IS NOT NULL OR :b09_blank_counts = 1
    GROUP BY v.户编号, v.pos, v.字段, COALESCE(v.值, '（空）')
),
per_field AS (
    SELECT 户编号, pos, 字段, STRING_AGG(shown || '（第' || lines || '行）', ' / ' ORDER BY first_row) AS listed
    FROM vals
    GROUP BY 户编号, pos, 字段
)
SELECT h._row,
       STRING_AGG(f.字段, '、' ORDER BY f.pos) AS 问题字段,
       STRING_AGG(f.字段 || '：' || f.listed, '；' ORDER BY f.pos) AS 说明
FROM households h JOIN per_field f ON f.户编号 = h.户编号
GROUP BY h._row
