-- I03 未消除风险的整户无劳动能力户未标记整户无劳动能力兜底保障户：未消除 且 户内所有活动成员 劳动技能非空且
-- ∈ {无劳动力,丧失劳动力}（全户无劳动力）且 户值(整户无劳动能力兜底保障户) ≠ 是（空也算）；
-- i03_require_welfare=true 时还要求户内有成员 享受低保政策情况 或 享受特困供养政策情况 非空且 ≠ 不享受。
SELECT h._row,
       '未消除风险，全户 ' || CAST(h.成员数 AS VARCHAR) || ' 人劳动技能均为无劳动力或丧失劳动力，但整户无劳动能力兜底保障户'
       || CASE WHEN h.整户无劳动能力兜底保障户 IS NULL THEN '为空' ELSE '为 ' || h.整户无劳动能力兜底保障户 END AS 说明
FROM households AS h
WHERE h.未消除 = 1 AND h.全户无劳动力 = 1 AND COALESCE(h.整户无劳动能力兜底保障户, '') <> '是'
  AND (:i03_require_welfare = 0
       OR EXISTS (SELECT 1 FROM members AS m
                  WHERE m.户编号 = h.户编号
                    AND ((m.享受低保政策情况 IS NOT NULL AND m.享受低保政策情况 <> '不享受')
                         OR (m.享受特困供养政策情况 IS NOT NULL AND m.享受特困供养政策情况 <> '不享受'))))
