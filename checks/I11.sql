-- I11 已消除风险但有成员未参加基本医疗保险：已消除 且 户内存在活动成员 是否参加城乡居民基本医疗保险 ≠ 是
-- 且 是否参加城镇职工基本医疗保险 ≠ 是（空、否、无效值都算 ≠ 是；职工医保列不存在按空）。说明 列出这些成员。
SELECT h._row,
       '已消除风险，但有 ' || CAST(u.n AS VARCHAR) || ' 名成员未参加基本医疗保险：' || u.名单 AS 说明
FROM households AS h
JOIN (SELECT 户编号, COUNT(*) AS n,
             STRING_AGG(COALESCE(姓名, '（姓名为空）') || '（城乡居民医保'
                        || CASE WHEN 是否参加城乡居民基本医疗保险 IS NULL THEN '为空'
                                ELSE '为 ' || 是否参加城乡居民基本医疗保险 END
                        || '，城镇职工医保'
                        || CASE WHEN 是否参加城镇职工基本医疗保险 IS NULL THEN '为空'
                                ELSE '为 ' || 是否参加城镇职工基本医疗保险 END || '）', '、' ORDER BY _row) AS 名单
      FROM members
      WHERE 户编号 IS NOT NULL
        AND COALESCE(是否参加城乡居民基本医疗保险, '') <> '是'
        AND COALESCE(是否参加城镇职工基本医疗保险, '') <> '是'
      GROUP BY 户编号) AS u ON u.户编号 = h.户编号
WHERE h.已消除 = 1
