-- B09 户级字段户内不一致：对 b09_fields 中导出存在的每个字段（可为任一户级字段：下面每个户级字段一列，由
-- '字段' IN (:b09_fields) 选中；导出没有的列全为空，不会不一致），收集户内活动行的非空值，不同值多于1个即为不一致：
-- 代码和文本按规范化后的值比较（证件号码不区分 x/X）；金额和整数（家庭人口数、年度）按数值比较，差 ≤ 0.01 视为相同
-- （数值的最大值 − 最小值 > 0.01 才算不同），非数值按文本比较，数值与非数值并存也算不同；年月、日期按解析结果比较，
-- 无法解析的按文本比较。b09_blank_counts=true 时，同一字段空值与非空值并存也算不一致。
-- 任一字段不一致时标记该户，列出字段、各值（规范化后）及行号。先按户一次聚合判定（fN = 第N个字段不一致），
-- 再只为被标记的户（mm）展开明细。字段列表即 auditor/fields.py 的全部户级字段（户编号除外），新增户级字段时在此补上。
WITH flags AS (
    SELECT 户编号,
           CASE WHEN '省' IN (:b09_fields)
                 AND (MIN(省) <> MAX(省)
                 OR (:b09_blank_counts = 1 AND COUNT(省) > 0 AND COUNT(省) < COUNT(*))) THEN 1 ELSE 0 END AS f1,
           CASE WHEN '市' IN (:b09_fields)
                 AND (MIN(市) <> MAX(市)
                 OR (:b09_blank_counts = 1 AND COUNT(市) > 0 AND COUNT(市) < COUNT(*))) THEN 1 ELSE 0 END AS f2,
           CASE WHEN '县' IN (:b09_fields)
                 AND (MIN(县) <> MAX(县)
                 OR (:b09_blank_counts = 1 AND COUNT(县) > 0 AND COUNT(县) < COUNT(*))) THEN 1 ELSE 0 END AS f3,
           CASE WHEN '乡' IN (:b09_fields)
                 AND (MIN(乡) <> MAX(乡)
                 OR (:b09_blank_counts = 1 AND COUNT(乡) > 0 AND COUNT(乡) < COUNT(*))) THEN 1 ELSE 0 END AS f4,
           CASE WHEN '村' IN (:b09_fields)
                 AND (MIN(村) <> MAX(村)
                 OR (:b09_blank_counts = 1 AND COUNT(村) > 0 AND COUNT(村) < COUNT(*))) THEN 1 ELSE 0 END AS f5,
           CASE WHEN '户类型' IN (:b09_fields)
                 AND (MIN(户类型) <> MAX(户类型)
                 OR (:b09_blank_counts = 1 AND COUNT(户类型) > 0 AND COUNT(户类型) < COUNT(*))) THEN 1 ELSE 0 END AS f6,
           CASE WHEN '户主姓名' IN (:b09_fields)
                 AND (MIN(户主姓名) <> MAX(户主姓名)
                 OR (:b09_blank_counts = 1 AND COUNT(户主姓名) > 0 AND COUNT(户主姓名) < COUNT(*))) THEN 1 ELSE 0 END AS f7,
           CASE WHEN '户主证件号码' IN (:b09_fields)
                 AND (MIN(UPPER(户主证件号码)) <> MAX(UPPER(户主证件号码))
                 OR (:b09_blank_counts = 1 AND COUNT(户主证件号码) > 0 AND COUNT(户主证件号码) < COUNT(*))) THEN 1 ELSE 0 END AS f8,
           CASE WHEN '户联系电话' IN (:b09_fields)
                 AND (MIN(户联系电话) <> MAX(户联系电话)
                 OR (:b09_blank_counts = 1 AND COUNT(户联系电话) > 0 AND COUNT(户联系电话) < COUNT(*))) THEN 1 ELSE 0 END AS f9,
           CASE WHEN '家庭人口数' IN (:b09_fields)
                 AND (MIN(CASE WHEN 数_家庭人口数 IS NULL THEN 家庭人口数 END) <> MAX(CASE WHEN 数_家庭人口数 IS NULL THEN 家庭人口数 END)
                 OR (COUNT(CASE WHEN 数_家庭人口数 IS NULL THEN 家庭人口数 END) > 0 AND COUNT(数_家庭人口数) > 0) OR MAX(数_家庭人口数) - MIN(数_家庭人口数) > 0.01
                 OR (:b09_blank_counts = 1 AND COUNT(家庭人口数) > 0 AND COUNT(家庭人口数) < COUNT(*))) THEN 1 ELSE 0 END AS f10,
           CASE WHEN '年度' IN (:b09_fields)
                 AND (MIN(CASE WHEN 数_年度 IS NULL THEN 年度 END) <> MAX(CASE WHEN 数_年度 IS NULL THEN 年度 END)
                 OR (COUNT(CASE WHEN 数_年度 IS NULL THEN 年度 END) > 0 AND COUNT(数_年度) > 0) OR MAX(数_年度) - MIN(数_年度) > 0.01
                 OR (:b09_blank_counts = 1 AND COUNT(年度) > 0 AND COUNT(年度) < COUNT(*))) THEN 1 ELSE 0 END AS f11,
           CASE WHEN '识别标准' IN (:b09_fields)
                 AND (MIN(识别标准) <> MAX(识别标准)
                 OR (:b09_blank_counts = 1 AND COUNT(识别标准) > 0 AND COUNT(识别标准) < COUNT(*))) THEN 1 ELSE 0 END AS f12,
           CASE WHEN '脱贫户属性' IN (:b09_fields)
                 AND (MIN(脱贫户属性) <> MAX(脱贫户属性)
                 OR (:b09_blank_counts = 1 AND COUNT(脱贫户属性) > 0 AND COUNT(脱贫户属性) < COUNT(*))) THEN 1 ELSE 0 END AS f13,
           CASE WHEN '监测对象类别' IN (:b09_fields)
                 AND (MIN(监测对象类别) <> MAX(监测对象类别)
                 OR (:b09_blank_counts = 1 AND COUNT(监测对象类别) > 0 AND COUNT(监测对象类别) < COUNT(*))) THEN 1 ELSE 0 END AS f14,
           CASE WHEN '致贫/返贫风险1' IN (:b09_fields)
                 AND (MIN("致贫/返贫风险1") <> MAX("致贫/返贫风险1")
                 OR (:b09_blank_counts = 1 AND COUNT("致贫/返贫风险1") > 0 AND COUNT("致贫/返贫风险1") < COUNT(*))) THEN 1 ELSE 0 END AS f15,
           CASE WHEN '致贫/返贫风险2' IN (:b09_fields)
                 AND (MIN("致贫/返贫风险2") <> MAX("致贫/返贫风险2")
                 OR (:b09_blank_counts = 1 AND COUNT("致贫/返贫风险2") > 0 AND COUNT("致贫/返贫风险2") < COUNT(*))) THEN 1 ELSE 0 END AS f16,
           CASE WHEN '致贫/返贫风险3' IN (:b09_fields)
                 AND (MIN("致贫/返贫风险3") <> MAX("致贫/返贫风险3")
                 OR (:b09_blank_counts = 1 AND COUNT("致贫/返贫风险3") > 0 AND COUNT("致贫/返贫风险3") < COUNT(*))) THEN 1 ELSE 0 END AS f17,
           CASE WHEN '致贫/返贫风险4' IN (:b09_fields)
                 AND (MIN("致贫/返贫风险4") <> MAX("致贫/返贫风险4")
                 OR (:b09_blank_counts = 1 AND COUNT("致贫/返贫风险4") > 0 AND COUNT("致贫/返贫风险4") < COUNT(*))) THEN 1 ELSE 0 END AS f18,
           CASE WHEN '致贫/返贫风险5' IN (:b09_fields)
                 AND (MIN("致贫/返贫风险5") <> MAX("致贫/返贫风险5")
                 OR (:b09_blank_counts = 1 AND COUNT("致贫/返贫风险5") > 0 AND COUNT("致贫/返贫风险5") < COUNT(*))) THEN 1 ELSE 0 END AS f19,
           CASE WHEN '因自然灾害子项' IN (:b09_fields)
                 AND (MIN(因自然灾害子项) <> MAX(因自然灾害子项)
                 OR (:b09_blank_counts = 1 AND COUNT(因自然灾害子项) > 0 AND COUNT(因自然灾害子项) < COUNT(*))) THEN 1 ELSE 0 END AS f20,
           CASE WHEN '因自然灾害备注' IN (:b09_fields)
                 AND (MIN(因自然灾害备注) <> MAX(因自然灾害备注)
                 OR (:b09_blank_counts = 1 AND COUNT(因自然灾害备注) > 0 AND COUNT(因自然灾害备注) < COUNT(*))) THEN 1 ELSE 0 END AS f21,
           CASE WHEN '其他备注' IN (:b09_fields)
                 AND (MIN(其他备注) <> MAX(其他备注)
                 OR (:b09_blank_counts = 1 AND COUNT(其他备注) > 0 AND COUNT(其他备注) < COUNT(*))) THEN 1 ELSE 0 END AS f22,
           CASE WHEN '识别监测时间' IN (:b09_fields)
                 AND (MIN(CASE WHEN 月_识别监测时间 IS NOT NULL THEN 'P' || CAST(月_识别监测时间 AS VARCHAR) ELSE 'T' || 识别监测时间 END) <> MAX(CASE WHEN 月_识别监测时间 IS NOT NULL THEN 'P' || CAST(月_识别监测时间 AS VARCHAR) ELSE 'T' || 识别监测时间 END)
                 OR (:b09_blank_counts = 1 AND COUNT(识别监测时间) > 0 AND COUNT(识别监测时间) < COUNT(*))) THEN 1 ELSE 0 END AS f23,
           CASE WHEN '风险是否已消除' IN (:b09_fields)
                 AND (MIN(风险是否已消除) <> MAX(风险是否已消除)
                 OR (:b09_blank_counts = 1 AND COUNT(风险是否已消除) > 0 AND COUNT(风险是否已消除) < COUNT(*))) THEN 1 ELSE 0 END AS f24,
           CASE WHEN '风险消除方式' IN (:b09_fields)
                 AND (MIN(风险消除方式) <> MAX(风险消除方式)
                 OR (:b09_blank_counts = 1 AND COUNT(风险消除方式) > 0 AND COUNT(风险消除方式) < COUNT(*))) THEN 1 ELSE 0 END AS f25,
           CASE WHEN '消除监测时间' IN (:b09_fields)
                 AND (MIN(CASE WHEN 月_消除监测时间 IS NOT NULL THEN 'P' || CAST(月_消除监测时间 AS VARCHAR) ELSE 'T' || 消除监测时间 END) <> MAX(CASE WHEN 月_消除监测时间 IS NOT NULL THEN 'P' || CAST(月_消除监测时间 AS VARCHAR) ELSE 'T' || 消除监测时间 END)
                 OR (:b09_blank_counts = 1 AND COUNT(消除监测时间) > 0 AND COUNT(消除监测时间) < COUNT(*))) THEN 1 ELSE 0 END AS f26,
           CASE WHEN '整户无劳动能力兜底保障户' IN (:b09_fields)
                 AND (MIN(整户无劳动能力兜底保障户) <> MAX(整户无劳动能力兜底保障户)
                 OR (:b09_blank_counts = 1 AND COUNT(整户无劳动能力兜底保障户) > 0 AND COUNT(整户无劳动能力兜底保障户) < COUNT(*))) THEN 1 ELSE 0 END AS f27,
           CASE WHEN '风险线索发现时间' IN (:b09_fields)
                 AND (MIN(CASE WHEN 日_风险线索发现时间 IS NOT NULL THEN 'P' || CAST(日_风险线索发现时间 AS VARCHAR) ELSE 'T' || 风险线索发现时间 END) <> MAX(CASE WHEN 日_风险线索发现时间 IS NOT NULL THEN 'P' || CAST(日_风险线索发现时间 AS VARCHAR) ELSE 'T' || 风险线索发现时间 END)
                 OR (:b09_blank_counts = 1 AND COUNT(风险线索发现时间) > 0 AND COUNT(风险线索发现时间) < COUNT(*))) THEN 1 ELSE 0 END AS f28,
           CASE WHEN '信息采集人' IN (:b09_fields)
                 AND (MIN(信息采集人) <> MAX(信息采集人)
                 OR (:b09_blank_counts = 1 AND COUNT(信息采集人) > 0 AND COUNT(信息采集人) < COUNT(*))) THEN 1 ELSE 0 END AS f29,
           CASE WHEN '信息采集人联系电话' IN (:b09_fields)
                 AND (MIN(信息采集人联系电话) <> MAX(信息采集人联系电话)
                 OR (:b09_blank_counts = 1 AND COUNT(信息采集人联系电话) > 0 AND COUNT(信息采集人联系电话) < COUNT(*))) THEN 1 ELSE 0 END AS f30,
           CASE WHEN '是否危房户' IN (:b09_fields)
                 AND (MIN(是否危房户) <> MAX(是否危房户)
                 OR (:b09_blank_counts = 1 AND COUNT(是否危房户) > 0 AND COUNT(是否危房户) < COUNT(*))) THEN 1 ELSE 0 END AS f31,
           CASE WHEN '是否解决安全饮用水' IN (:b09_fields)
                 AND (MIN(是否解决安全饮用水) <> MAX(是否解决安全饮用水)
                 OR (:b09_blank_counts = 1 AND COUNT(是否解决安全饮用水) > 0 AND COUNT(是否解决安全饮用水) < COUNT(*))) THEN 1 ELSE 0 END AS f32,
           CASE WHEN '是否义务教育阶段适龄儿童少年失学辍学' IN (:b09_fields)
                 AND (MIN(是否义务教育阶段适龄儿童少年失学辍学) <> MAX(是否义务教育阶段适龄儿童少年失学辍学)
                 OR (:b09_blank_counts = 1 AND COUNT(是否义务教育阶段适龄儿童少年失学辍学) > 0 AND COUNT(是否义务教育阶段适龄儿童少年失学辍学) < COUNT(*))) THEN 1 ELSE 0 END AS f33,
           CASE WHEN '风险消除后是否义务教育阶段适龄儿童少年失学辍学' IN (:b09_fields)
                 AND (MIN(风险消除后是否义务教育阶段适龄儿童少年失学辍学) <> MAX(风险消除后是否义务教育阶段适龄儿童少年失学辍学)
                 OR (:b09_blank_counts = 1 AND COUNT(风险消除后是否义务教育阶段适龄儿童少年失学辍学) > 0 AND COUNT(风险消除后是否义务教育阶段适龄儿童少年失学辍学) < COUNT(*))) THEN 1 ELSE 0 END AS f34,
           CASE WHEN '是否有家庭成员未参加城乡居民(职工)基本医疗保险' IN (:b09_fields)
                 AND (MIN("是否有家庭成员未参加城乡居民(职工)基本医疗保险") <> MAX("是否有家庭成员未参加城乡居民(职工)基本医疗保险")
                 OR (:b09_blank_counts = 1 AND COUNT("是否有家庭成员未参加城乡居民(职工)基本医疗保险") > 0 AND COUNT("是否有家庭成员未参加城乡居民(职工)基本医疗保险") < COUNT(*))) THEN 1 ELSE 0 END AS f35,
           CASE WHEN '与村主干路距离' IN (:b09_fields)
                 AND (MIN(与村主干路距离) <> MAX(与村主干路距离)
                 OR (:b09_blank_counts = 1 AND COUNT(与村主干路距离) > 0 AND COUNT(与村主干路距离) < COUNT(*))) THEN 1 ELSE 0 END AS f36,
           CASE WHEN '工资性收入' IN (:b09_fields)
                 AND (MIN(CASE WHEN 数_工资性收入 IS NULL THEN 工资性收入 END) <> MAX(CASE WHEN 数_工资性收入 IS NULL THEN 工资性收入 END)
                 OR (COUNT(CASE WHEN 数_工资性收入 IS NULL THEN 工资性收入 END) > 0 AND COUNT(数_工资性收入) > 0) OR MAX(数_工资性收入) - MIN(数_工资性收入) > 0.01
                 OR (:b09_blank_counts = 1 AND COUNT(工资性收入) > 0 AND COUNT(工资性收入) < COUNT(*))) THEN 1 ELSE 0 END AS f37,
           CASE WHEN '生产经营性收入' IN (:b09_fields)
                 AND (MIN(CASE WHEN 数_生产经营性收入 IS NULL THEN 生产经营性收入 END) <> MAX(CASE WHEN 数_生产经营性收入 IS NULL THEN 生产经营性收入 END)
                 OR (COUNT(CASE WHEN 数_生产经营性收入 IS NULL THEN 生产经营性收入 END) > 0 AND COUNT(数_生产经营性收入) > 0) OR MAX(数_生产经营性收入) - MIN(数_生产经营性收入) > 0.01
                 OR (:b09_blank_counts = 1 AND COUNT(生产经营性收入) > 0 AND COUNT(生产经营性收入) < COUNT(*))) THEN 1 ELSE 0 END AS f38,
           CASE WHEN '财产性收入' IN (:b09_fields)
                 AND (MIN(CASE WHEN 数_财产性收入 IS NULL THEN 财产性收入 END) <> MAX(CASE WHEN 数_财产性收入 IS NULL THEN 财产性收入 END)
                 OR (COUNT(CASE WHEN 数_财产性收入 IS NULL THEN 财产性收入 END) > 0 AND COUNT(数_财产性收入) > 0) OR MAX(数_财产性收入) - MIN(数_财产性收入) > 0.01
                 OR (:b09_blank_counts = 1 AND COUNT(财产性收入) > 0 AND COUNT(财产性收入) < COUNT(*))) THEN 1 ELSE 0 END AS f39,
           CASE WHEN '转移性收入' IN (:b09_fields)
                 AND (MIN(CASE WHEN 数_转移性收入 IS NULL THEN 转移性收入 END) <> MAX(CASE WHEN 数_转移性收入 IS NULL THEN 转移性收入 END)
                 OR (COUNT(CASE WHEN 数_转移性收入 IS NULL THEN 转移性收入 END) > 0 AND COUNT(数_转移性收入) > 0) OR MAX(数_转移性收入) - MIN(数_转移性收入) > 0.01
                 OR (:b09_blank_counts = 1 AND COUNT(转移性收入) > 0 AND COUNT(转移性收入) < COUNT(*))) THEN 1 ELSE 0 END AS f40,
           CASE WHEN '生产经营性支出' IN (:b09_fields)
                 AND (MIN(CASE WHEN 数_生产经营性支出 IS NULL THEN 生产经营性支出 END) <> MAX(CASE WHEN 数_生产经营性支出 IS NULL THEN 生产经营性支出 END)
                 OR (COUNT(CASE WHEN 数_生产经营性支出 IS NULL THEN 生产经营性支出 END) > 0 AND COUNT(数_生产经营性支出) > 0) OR MAX(数_生产经营性支出) - MIN(数_生产经营性支出) > 0.01
                 OR (:b09_blank_counts = 1 AND COUNT(生产经营性支出) > 0 AND COUNT(生产经营性支出) < COUNT(*))) THEN 1 ELSE 0 END AS f41,
           CASE WHEN '家庭纯收入' IN (:b09_fields)
                 AND (MIN(CASE WHEN 数_家庭纯收入 IS NULL THEN 家庭纯收入 END) <> MAX(CASE WHEN 数_家庭纯收入 IS NULL THEN 家庭纯收入 END)
                 OR (COUNT(CASE WHEN 数_家庭纯收入 IS NULL THEN 家庭纯收入 END) > 0 AND COUNT(数_家庭纯收入) > 0) OR MAX(数_家庭纯收入) - MIN(数_家庭纯收入) > 0.01
                 OR (:b09_blank_counts = 1 AND COUNT(家庭纯收入) > 0 AND COUNT(家庭纯收入) < COUNT(*))) THEN 1 ELSE 0 END AS f42,
           CASE WHEN '人均纯收入' IN (:b09_fields)
                 AND (MIN(CASE WHEN 数_人均纯收入 IS NULL THEN 人均纯收入 END) <> MAX(CASE WHEN 数_人均纯收入 IS NULL THEN 人均纯收入 END)
                 OR (COUNT(CASE WHEN 数_人均纯收入 IS NULL THEN 人均纯收入 END) > 0 AND COUNT(数_人均纯收入) > 0) OR MAX(数_人均纯收入) - MIN(数_人均纯收入) > 0.01
                 OR (:b09_blank_counts = 1 AND COUNT(人均纯收入) > 0 AND COUNT(人均纯收入) < COUNT(*))) THEN 1 ELSE 0 END AS f43,
           CASE WHEN '年总收入' IN (:b09_fields)
                 AND (MIN(CASE WHEN 数_年总收入 IS NULL THEN 年总收入 END) <> MAX(CASE WHEN 数_年总收入 IS NULL THEN 年总收入 END)
                 OR (COUNT(CASE WHEN 数_年总收入 IS NULL THEN 年总收入 END) > 0 AND COUNT(数_年总收入) > 0) OR MAX(数_年总收入) - MIN(数_年总收入) > 0.01
                 OR (:b09_blank_counts = 1 AND COUNT(年总收入) > 0 AND COUNT(年总收入) < COUNT(*))) THEN 1 ELSE 0 END AS f44,
           CASE WHEN '家庭理赔收入' IN (:b09_fields)
                 AND (MIN(CASE WHEN 数_家庭理赔收入 IS NULL THEN 家庭理赔收入 END) <> MAX(CASE WHEN 数_家庭理赔收入 IS NULL THEN 家庭理赔收入 END)
                 OR (COUNT(CASE WHEN 数_家庭理赔收入 IS NULL THEN 家庭理赔收入 END) > 0 AND COUNT(数_家庭理赔收入) > 0) OR MAX(数_家庭理赔收入) - MIN(数_家庭理赔收入) > 0.01
                 OR (:b09_blank_counts = 1 AND COUNT(家庭理赔收入) > 0 AND COUNT(家庭理赔收入) < COUNT(*))) THEN 1 ELSE 0 END AS f45,
           CASE WHEN '合规自付支出' IN (:b09_fields)
                 AND (MIN(CASE WHEN 数_合规自付支出 IS NULL THEN 合规自付支出 END) <> MAX(CASE WHEN 数_合规自付支出 IS NULL THEN 合规自付支出 END)
                 OR (COUNT(CASE WHEN 数_合规自付支出 IS NULL THEN 合规自付支出 END) > 0 AND COUNT(数_合规自付支出) > 0) OR MAX(数_合规自付支出) - MIN(数_合规自付支出) > 0.01
                 OR (:b09_blank_counts = 1 AND COUNT(合规自付支出) > 0 AND COUNT(合规自付支出) < COUNT(*))) THEN 1 ELSE 0 END AS f46,
           CASE WHEN '风险消除后工资性收入' IN (:b09_fields)
                 AND (MIN(CASE WHEN 数_风险消除后工资性收入 IS NULL THEN 风险消除后工资性收入 END) <> MAX(CASE WHEN 数_风险消除后工资性收入 IS NULL THEN 风险消除后工资性收入 END)
                 OR (COUNT(CASE WHEN 数_风险消除后工资性收入 IS NULL THEN 风险消除后工资性收入 END) > 0 AND COUNT(数_风险消除后工资性收入) > 0) OR MAX(数_风险消除后工资性收入) - MIN(数_风险消除后工资性收入) > 0.01
                 OR (:b09_blank_counts = 1 AND COUNT(风险消除后工资性收入) > 0 AND COUNT(风险消除后工资性收入) < COUNT(*))) THEN 1 ELSE 0 END AS f47,
           CASE WHEN '风险消除后财产性收入' IN (:b09_fields)
                 AND (MIN(CASE WHEN 数_风险消除后财产性收入 IS NULL THEN 风险消除后财产性收入 END) <> MAX(CASE WHEN 数_风险消除后财产性收入 IS NULL THEN 风险消除后财产性收入 END)
                 OR (COUNT(CASE WHEN 数_风险消除后财产性收入 IS NULL THEN 风险消除后财产性收入 END) > 0 AND COUNT(数_风险消除后财产性收入) > 0) OR MAX(数_风险消除后财产性收入) - MIN(数_风险消除后财产性收入) > 0.01
                 OR (:b09_blank_counts = 1 AND COUNT(风险消除后财产性收入) > 0 AND COUNT(风险消除后财产性收入) < COUNT(*))) THEN 1 ELSE 0 END AS f48,
           CASE WHEN '风险消除后转移性收入' IN (:b09_fields)
                 AND (MIN(CASE WHEN 数_风险消除后转移性收入 IS NULL THEN 风险消除后转移性收入 END) <> MAX(CASE WHEN 数_风险消除后转移性收入 IS NULL THEN 风险消除后转移性收入 END)
                 OR (COUNT(CASE WHEN 数_风险消除后转移性收入 IS NULL THEN 风险消除后转移性收入 END) > 0 AND COUNT(数_风险消除后转移性收入) > 0) OR MAX(数_风险消除后转移性收入) - MIN(数_风险消除后转移性收入) > 0.01
                 OR (:b09_blank_counts = 1 AND COUNT(风险消除后转移性收入) > 0 AND COUNT(风险消除后转移性收入) < COUNT(*))) THEN 1 ELSE 0 END AS f49,
           CASE WHEN '风险消除后生产经营性收入' IN (:b09_fields)
                 AND (MIN(CASE WHEN 数_风险消除后生产经营性收入 IS NULL THEN 风险消除后生产经营性收入 END) <> MAX(CASE WHEN 数_风险消除后生产经营性收入 IS NULL THEN 风险消除后生产经营性收入 END)
                 OR (COUNT(CASE WHEN 数_风险消除后生产经营性收入 IS NULL THEN 风险消除后生产经营性收入 END) > 0 AND COUNT(数_风险消除后生产经营性收入) > 0) OR MAX(数_风险消除后生产经营性收入) - MIN(数_风险消除后生产经营性收入) > 0.01
                 OR (:b09_blank_counts = 1 AND COUNT(风险消除后生产经营性收入) > 0 AND COUNT(风险消除后生产经营性收入) < COUNT(*))) THEN 1 ELSE 0 END AS f50,
           CASE WHEN '纳入监测对象的收入参考范围' IN (:b09_fields)
                 AND (MIN(纳入监测对象的收入参考范围) <> MAX(纳入监测对象的收入参考范围)
                 OR (:b09_blank_counts = 1 AND COUNT(纳入监测对象的收入参考范围) > 0 AND COUNT(纳入监测对象的收入参考范围) < COUNT(*))) THEN 1 ELSE 0 END AS f51,
           CASE WHEN '纳入监测对象的人均收入参考范围' IN (:b09_fields)
                 AND (MIN(纳入监测对象的人均收入参考范围) <> MAX(纳入监测对象的人均收入参考范围)
                 OR (:b09_blank_counts = 1 AND COUNT(纳入监测对象的人均收入参考范围) > 0 AND COUNT(纳入监测对象的人均收入参考范围) < COUNT(*))) THEN 1 ELSE 0 END AS f52,
           CASE WHEN '实施开发式帮扶措施情况' IN (:b09_fields)
                 AND (MIN(实施开发式帮扶措施情况) <> MAX(实施开发式帮扶措施情况)
                 OR (:b09_blank_counts = 1 AND COUNT(实施开发式帮扶措施情况) > 0 AND COUNT(实施开发式帮扶措施情况) < COUNT(*))) THEN 1 ELSE 0 END AS f53,
           CASE WHEN '产业帮扶' IN (:b09_fields)
                 AND (MIN(产业帮扶) <> MAX(产业帮扶)
                 OR (:b09_blank_counts = 1 AND COUNT(产业帮扶) > 0 AND COUNT(产业帮扶) < COUNT(*))) THEN 1 ELSE 0 END AS f54,
           CASE WHEN '就业帮扶' IN (:b09_fields)
                 AND (MIN(就业帮扶) <> MAX(就业帮扶)
                 OR (:b09_blank_counts = 1 AND COUNT(就业帮扶) > 0 AND COUNT(就业帮扶) < COUNT(*))) THEN 1 ELSE 0 END AS f55,
           CASE WHEN '金融帮扶' IN (:b09_fields)
                 AND (MIN(金融帮扶) <> MAX(金融帮扶)
                 OR (:b09_blank_counts = 1 AND COUNT(金融帮扶) > 0 AND COUNT(金融帮扶) < COUNT(*))) THEN 1 ELSE 0 END AS f56,
           CASE WHEN '健康帮扶' IN (:b09_fields)
                 AND (MIN(健康帮扶) <> MAX(健康帮扶)
                 OR (:b09_blank_counts = 1 AND COUNT(健康帮扶) > 0 AND COUNT(健康帮扶) < COUNT(*))) THEN 1 ELSE 0 END AS f57,
           CASE WHEN '义务教育保障' IN (:b09_fields)
                 AND (MIN(义务教育保障) <> MAX(义务教育保障)
                 OR (:b09_blank_counts = 1 AND COUNT(义务教育保障) > 0 AND COUNT(义务教育保障) < COUNT(*))) THEN 1 ELSE 0 END AS f58,
           CASE WHEN '住房安全保障' IN (:b09_fields)
                 AND (MIN(住房安全保障) <> MAX(住房安全保障)
                 OR (:b09_blank_counts = 1 AND COUNT(住房安全保障) > 0 AND COUNT(住房安全保障) < COUNT(*))) THEN 1 ELSE 0 END AS f59,
           CASE WHEN '饮水安全保障' IN (:b09_fields)
                 AND (MIN(饮水安全保障) <> MAX(饮水安全保障)
                 OR (:b09_blank_counts = 1 AND COUNT(饮水安全保障) > 0 AND COUNT(饮水安全保障) < COUNT(*))) THEN 1 ELSE 0 END AS f60,
           CASE WHEN '综合保障' IN (:b09_fields)
                 AND (MIN(综合保障) <> MAX(综合保障)
                 OR (:b09_blank_counts = 1 AND COUNT(综合保障) > 0 AND COUNT(综合保障) < COUNT(*))) THEN 1 ELSE 0 END AS f61,
           CASE WHEN '社会帮扶' IN (:b09_fields)
                 AND (MIN(社会帮扶) <> MAX(社会帮扶)
                 OR (:b09_blank_counts = 1 AND COUNT(社会帮扶) > 0 AND COUNT(社会帮扶) < COUNT(*))) THEN 1 ELSE 0 END AS f62,
           CASE WHEN '搬迁' IN (:b09_fields)
                 AND (MIN(搬迁) <> MAX(搬迁)
                 OR (:b09_blank_counts = 1 AND COUNT(搬迁) > 0 AND COUNT(搬迁) < COUNT(*))) THEN 1 ELSE 0 END AS f63,
           CASE WHEN '生产生活条件改善' IN (:b09_fields)
                 AND (MIN(生产生活条件改善) <> MAX(生产生活条件改善)
                 OR (:b09_blank_counts = 1 AND COUNT(生产生活条件改善) > 0 AND COUNT(生产生活条件改善) < COUNT(*))) THEN 1 ELSE 0 END AS f64,
           CASE WHEN '基础设施建设' IN (:b09_fields)
                 AND (MIN(基础设施建设) <> MAX(基础设施建设)
                 OR (:b09_blank_counts = 1 AND COUNT(基础设施建设) > 0 AND COUNT(基础设施建设) < COUNT(*))) THEN 1 ELSE 0 END AS f65,
           CASE WHEN '公益岗位帮扶' IN (:b09_fields)
                 AND (MIN(公益岗位帮扶) <> MAX(公益岗位帮扶)
                 OR (:b09_blank_counts = 1 AND COUNT(公益岗位帮扶) > 0 AND COUNT(公益岗位帮扶) < COUNT(*))) THEN 1 ELSE 0 END AS f66,
           CASE WHEN '教育帮扶' IN (:b09_fields)
                 AND (MIN(教育帮扶) <> MAX(教育帮扶)
                 OR (:b09_blank_counts = 1 AND COUNT(教育帮扶) > 0 AND COUNT(教育帮扶) < COUNT(*))) THEN 1 ELSE 0 END AS f67,
           CASE WHEN '公益性岗位帮扶其他备注' IN (:b09_fields)
                 AND (MIN(公益性岗位帮扶其他备注) <> MAX(公益性岗位帮扶其他备注)
                 OR (:b09_blank_counts = 1 AND COUNT(公益性岗位帮扶其他备注) > 0 AND COUNT(公益性岗位帮扶其他备注) < COUNT(*))) THEN 1 ELSE 0 END AS f68
    FROM members
    WHERE 户编号 IS NOT NULL
    GROUP BY 户编号
    HAVING COUNT(*) > 1
),
flagged AS (
    SELECT 户编号,
           f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16,
           f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31, f32,
           f33, f34, f35, f36, f37, f38, f39, f40, f41, f42, f43, f44, f45, f46, f47, f48,
           f49, f50, f51, f52, f53, f54, f55, f56, f57, f58, f59, f60, f61, f62, f63, f64,
           f65, f66, f67, f68
    FROM flags
    WHERE f1 = 1 OR f2 = 1 OR f3 = 1 OR f4 = 1 OR f5 = 1 OR f6 = 1 OR f7 = 1 OR f8 = 1 OR f9 = 1 OR f10 = 1 OR
       f11 = 1 OR f12 = 1 OR f13 = 1 OR f14 = 1 OR f15 = 1 OR f16 = 1 OR f17 = 1 OR f18 = 1 OR f19 = 1 OR f20 = 1 OR
       f21 = 1 OR f22 = 1 OR f23 = 1 OR f24 = 1 OR f25 = 1 OR f26 = 1 OR f27 = 1 OR f28 = 1 OR f29 = 1 OR f30 = 1 OR
       f31 = 1 OR f32 = 1 OR f33 = 1 OR f34 = 1 OR f35 = 1 OR f36 = 1 OR f37 = 1 OR f38 = 1 OR f39 = 1 OR f40 = 1 OR
       f41 = 1 OR f42 = 1 OR f43 = 1 OR f44 = 1 OR f45 = 1 OR f46 = 1 OR f47 = 1 OR f48 = 1 OR f49 = 1 OR f50 = 1 OR
       f51 = 1 OR f52 = 1 OR f53 = 1 OR f54 = 1 OR f55 = 1 OR f56 = 1 OR f57 = 1 OR f58 = 1 OR f59 = 1 OR f60 = 1 OR
       f61 = 1 OR f62 = 1 OR f63 = 1 OR f64 = 1 OR f65 = 1 OR f66 = 1 OR f67 = 1 OR f68 = 1
),
mm AS (
    SELECT m.户编号, m._row, m._line,
           m.省, m.市, m.县, m.乡, m.村, m.户类型,
           m.户主姓名, m.户主证件号码, m.户联系电话, m.家庭人口数, m.年度, m.识别标准,
           m.脱贫户属性, m.监测对象类别, m."致贫/返贫风险1", m."致贫/返贫风险2", m."致贫/返贫风险3", m."致贫/返贫风险4",
           m."致贫/返贫风险5", m.因自然灾害子项, m.因自然灾害备注, m.其他备注, m.识别监测时间, m.风险是否已消除,
           m.风险消除方式, m.消除监测时间, m.整户无劳动能力兜底保障户, m.风险线索发现时间, m.信息采集人, m.信息采集人联系电话,
           m.是否危房户, m.是否解决安全饮用水, m.是否义务教育阶段适龄儿童少年失学辍学, m.风险消除后是否义务教育阶段适龄儿童少年失学辍学, m."是否有家庭成员未参加城乡居民(职工)基本医疗保险", m.与村主干路距离,
           m.工资性收入, m.生产经营性收入, m.财产性收入, m.转移性收入, m.生产经营性支出, m.家庭纯收入,
           m.人均纯收入, m.年总收入, m.家庭理赔收入, m.合规自付支出, m.风险消除后工资性收入, m.风险消除后财产性收入,
           m.风险消除后转移性收入, m.风险消除后生产经营性收入, m.纳入监测对象的收入参考范围, m.纳入监测对象的人均收入参考范围, m.实施开发式帮扶措施情况, m.产业帮扶,
           m.就业帮扶, m.金融帮扶, m.健康帮扶, m.义务教育保障, m.住房安全保障, m.饮水安全保障,
           m.综合保障, m.社会帮扶, m.搬迁, m.生产生活条件改善, m.基础设施建设, m.公益岗位帮扶,
           m.教育帮扶, m.公益性岗位帮扶其他备注,
           g.f1, g.f2, g.f3, g.f4, g.f5, g.f6, g.f7, g.f8, g.f9, g.f10, g.f11, g.f12, g.f13, g.f14, g.f15, g.f16,
           g.f17, g.f18, g.f19, g.f20, g.f21, g.f22, g.f23, g.f24, g.f25, g.f26, g.f27, g.f28, g.f29, g.f30, g.f31, g.f32,
           g.f33, g.f34, g.f35, g.f36, g.f37, g.f38, g.f39, g.f40, g.f41, g.f42, g.f43, g.f44, g.f45, g.f46, g.f47, g.f48,
           g.f49, g.f50, g.f51, g.f52, g.f53, g.f54, g.f55, g.f56, g.f57, g.f58, g.f59, g.f60, g.f61, g.f62, g.f63, g.f64,
           g.f65, g.f66, g.f67, g.f68
    FROM members m JOIN flagged g ON g.户编号 = m.户编号
),
v AS (
    SELECT 户编号, _row, _line, 1 AS pos, '省' AS 字段, 省 AS 值 FROM mm WHERE f1 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 2 AS pos, '市' AS 字段, 市 AS 值 FROM mm WHERE f2 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 3 AS pos, '县' AS 字段, 县 AS 值 FROM mm WHERE f3 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 4 AS pos, '乡' AS 字段, 乡 AS 值 FROM mm WHERE f4 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 5 AS pos, '村' AS 字段, 村 AS 值 FROM mm WHERE f5 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 6 AS pos, '户类型' AS 字段, 户类型 AS 值 FROM mm WHERE f6 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 7 AS pos, '户主姓名' AS 字段, 户主姓名 AS 值 FROM mm WHERE f7 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 8 AS pos, '户主证件号码' AS 字段, 户主证件号码 AS 值 FROM mm WHERE f8 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 9 AS pos, '户联系电话' AS 字段, 户联系电话 AS 值 FROM mm WHERE f9 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 10 AS pos, '家庭人口数' AS 字段, 家庭人口数 AS 值 FROM mm WHERE f10 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 11 AS pos, '年度' AS 字段, 年度 AS 值 FROM mm WHERE f11 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 12 AS pos, '识别标准' AS 字段, 识别标准 AS 值 FROM mm WHERE f12 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 13 AS pos, '脱贫户属性' AS 字段, 脱贫户属性 AS 值 FROM mm WHERE f13 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 14 AS pos, '监测对象类别' AS 字段, 监测对象类别 AS 值 FROM mm WHERE f14 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 15 AS pos, '致贫/返贫风险1' AS 字段, "致贫/返贫风险1" AS 值 FROM mm WHERE f15 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 16 AS pos, '致贫/返贫风险2' AS 字段, "致贫/返贫风险2" AS 值 FROM mm WHERE f16 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 17 AS pos, '致贫/返贫风险3' AS 字段, "致贫/返贫风险3" AS 值 FROM mm WHERE f17 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 18 AS pos, '致贫/返贫风险4' AS 字段, "致贫/返贫风险4" AS 值 FROM mm WHERE f18 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 19 AS pos, '致贫/返贫风险5' AS 字段, "致贫/返贫风险5" AS 值 FROM mm WHERE f19 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 20 AS pos, '因自然灾害子项' AS 字段, 因自然灾害子项 AS 值 FROM mm WHERE f20 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 21 AS pos, '因自然灾害备注' AS 字段, 因自然灾害备注 AS 值 FROM mm WHERE f21 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 22 AS pos, '其他备注' AS 字段, 其他备注 AS 值 FROM mm WHERE f22 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 23 AS pos, '识别监测时间' AS 字段, 识别监测时间 AS 值 FROM mm WHERE f23 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 24 AS pos, '风险是否已消除' AS 字段, 风险是否已消除 AS 值 FROM mm WHERE f24 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 25 AS pos, '风险消除方式' AS 字段, 风险消除方式 AS 值 FROM mm WHERE f25 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 26 AS pos, '消除监测时间' AS 字段, 消除监测时间 AS 值 FROM mm WHERE f26 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 27 AS pos, '整户无劳动能力兜底保障户' AS 字段, 整户无劳动能力兜底保障户 AS 值 FROM mm WHERE f27 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 28 AS pos, '风险线索发现时间' AS 字段, 风险线索发现时间 AS 值 FROM mm WHERE f28 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 29 AS pos, '信息采集人' AS 字段, 信息采集人 AS 值 FROM mm WHERE f29 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 30 AS pos, '信息采集人联系电话' AS 字段, 信息采集人联系电话 AS 值 FROM mm WHERE f30 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 31 AS pos, '是否危房户' AS 字段, 是否危房户 AS 值 FROM mm WHERE f31 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 32 AS pos, '是否解决安全饮用水' AS 字段, 是否解决安全饮用水 AS 值 FROM mm WHERE f32 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 33 AS pos, '是否义务教育阶段适龄儿童少年失学辍学' AS 字段, 是否义务教育阶段适龄儿童少年失学辍学 AS 值 FROM mm WHERE f33 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 34 AS pos, '风险消除后是否义务教育阶段适龄儿童少年失学辍学' AS 字段, 风险消除后是否义务教育阶段适龄儿童少年失学辍学 AS 值 FROM mm WHERE f34 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 35 AS pos, '是否有家庭成员未参加城乡居民(职工)基本医疗保险' AS 字段, "是否有家庭成员未参加城乡居民(职工)基本医疗保险" AS 值 FROM mm WHERE f35 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 36 AS pos, '与村主干路距离' AS 字段, 与村主干路距离 AS 值 FROM mm WHERE f36 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 37 AS pos, '工资性收入' AS 字段, 工资性收入 AS 值 FROM mm WHERE f37 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 38 AS pos, '生产经营性收入' AS 字段, 生产经营性收入 AS 值 FROM mm WHERE f38 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 39 AS pos, '财产性收入' AS 字段, 财产性收入 AS 值 FROM mm WHERE f39 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 40 AS pos, '转移性收入' AS 字段, 转移性收入 AS 值 FROM mm WHERE f40 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 41 AS pos, '生产经营性支出' AS 字段, 生产经营性支出 AS 值 FROM mm WHERE f41 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 42 AS pos, '家庭纯收入' AS 字段, 家庭纯收入 AS 值 FROM mm WHERE f42 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 43 AS pos, '人均纯收入' AS 字段, 人均纯收入 AS 值 FROM mm WHERE f43 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 44 AS pos, '年总收入' AS 字段, 年总收入 AS 值 FROM mm WHERE f44 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 45 AS pos, '家庭理赔收入' AS 字段, 家庭理赔收入 AS 值 FROM mm WHERE f45 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 46 AS pos, '合规自付支出' AS 字段, 合规自付支出 AS 值 FROM mm WHERE f46 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 47 AS pos, '风险消除后工资性收入' AS 字段, 风险消除后工资性收入 AS 值 FROM mm WHERE f47 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 48 AS pos, '风险消除后财产性收入' AS 字段, 风险消除后财产性收入 AS 值 FROM mm WHERE f48 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 49 AS pos, '风险消除后转移性收入' AS 字段, 风险消除后转移性收入 AS 值 FROM mm WHERE f49 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 50 AS pos, '风险消除后生产经营性收入' AS 字段, 风险消除后生产经营性收入 AS 值 FROM mm WHERE f50 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 51 AS pos, '纳入监测对象的收入参考范围' AS 字段, 纳入监测对象的收入参考范围 AS 值 FROM mm WHERE f51 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 52 AS pos, '纳入监测对象的人均收入参考范围' AS 字段, 纳入监测对象的人均收入参考范围 AS 值 FROM mm WHERE f52 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 53 AS pos, '实施开发式帮扶措施情况' AS 字段, 实施开发式帮扶措施情况 AS 值 FROM mm WHERE f53 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 54 AS pos, '产业帮扶' AS 字段, 产业帮扶 AS 值 FROM mm WHERE f54 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 55 AS pos, '就业帮扶' AS 字段, 就业帮扶 AS 值 FROM mm WHERE f55 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 56 AS pos, '金融帮扶' AS 字段, 金融帮扶 AS 值 FROM mm WHERE f56 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 57 AS pos, '健康帮扶' AS 字段, 健康帮扶 AS 值 FROM mm WHERE f57 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 58 AS pos, '义务教育保障' AS 字段, 义务教育保障 AS 值 FROM mm WHERE f58 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 59 AS pos, '住房安全保障' AS 字段, 住房安全保障 AS 值 FROM mm WHERE f59 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 60 AS pos, '饮水安全保障' AS 字段, 饮水安全保障 AS 值 FROM mm WHERE f60 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 61 AS pos, '综合保障' AS 字段, 综合保障 AS 值 FROM mm WHERE f61 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 62 AS pos, '社会帮扶' AS 字段, 社会帮扶 AS 值 FROM mm WHERE f62 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 63 AS pos, '搬迁' AS 字段, 搬迁 AS 值 FROM mm WHERE f63 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 64 AS pos, '生产生活条件改善' AS 字段, 生产生活条件改善 AS 值 FROM mm WHERE f64 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 65 AS pos, '基础设施建设' AS 字段, 基础设施建设 AS 值 FROM mm WHERE f65 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 66 AS pos, '公益岗位帮扶' AS 字段, 公益岗位帮扶 AS 值 FROM mm WHERE f66 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 67 AS pos, '教育帮扶' AS 字段, 教育帮扶 AS 值 FROM mm WHERE f67 = 1
    UNION ALL
    SELECT 户编号, _row, _line, 68 AS pos, '公益性岗位帮扶其他备注' AS 字段, 公益性岗位帮扶其他备注 AS 值 FROM mm WHERE f68 = 1
),
vals AS (
    SELECT 户编号, pos, 字段, COALESCE(值, '（空）') AS shown, MIN(_row) AS first_row,
           STRING_AGG(CAST(_line AS VARCHAR), '、' ORDER BY _row) AS lines
    FROM v
    WHERE 值 IS NOT NULL OR :b09_blank_counts = 1
    GROUP BY 户编号, pos, 字段, COALESCE(值, '（空）')
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
