-- B07 代际年龄逻辑异常：只对恰有1个户主且户主年龄已知的户判定；对每个年龄已知的成员 m（年龄 = ref_date 时的
-- 周岁，出生日期取自 id_ok 证件号码，否则取 出生日期 列），按与户主关系比较年龄差：
-- 之子/之女：户主 − m < min_parent_gap；之父母/岳父母/公婆：m − 户主 < min_parent_gap；
-- 孙辈：户主 − m < min_grand_gap；祖辈：m − 户主 < min_grand_gap；曾孙辈：户主 − m < min_greatgrand_gap；
-- 配偶：年龄(m) < min_spouse_age。
WITH t AS (
    SELECT m._row, m.与户主关系 AS rel, m.年龄 AS a, hm.年龄 AS ha,
           CASE WHEN m.证件出生日 IS NOT NULL THEN '与户主关系、证件号码' ELSE '与户主关系、出生日期' END AS 问题字段,
           CASE WHEN m.与户主关系 IN ('之子', '之女') THEN hm.年龄 - m.年龄
                WHEN m.与户主关系 IN ('之父', '之母', '之岳父', '之岳母', '之公公', '之婆婆') THEN m.年龄 - hm.年龄
                WHEN m.与户主关系 IN ('之孙子', '之孙女', '之外孙子', '之外孙女') THEN hm.年龄 - m.年龄
                WHEN m.与户主关系 IN ('之祖父', '之祖母', '之外祖父', '之外祖母') THEN m.年龄 - hm.年龄
                WHEN m.与户主关系 IN ('之曾孙子', '之曾孙女') THEN hm.年龄 - m.年龄 END AS gap,
           CASE WHEN m.与户主关系 IN ('之子', '之女', '之父', '之母', '之岳父', '之岳母', '之公公', '之婆婆')
                THEN :min_parent_gap
                WHEN m.与户主关系 IN ('之孙子', '之孙女', '之外孙子', '之外孙女', '之祖父', '之祖母', '之外祖父', '之外祖母')
                THEN :min_grand_gap
                WHEN m.与户主关系 IN ('之曾孙子', '之曾孙女') THEN :min_greatgrand_gap END AS need,
           CASE WHEN m.与户主关系 IN ('之子', '之女', '之孙子', '之孙女', '之外孙子', '之外孙女', '之曾孙子', '之曾孙女')
                THEN '小' ELSE '大' END AS dir
    FROM households h
    JOIN members hm ON hm._row = h._head_row
    JOIN members m ON m.户编号 = h.户编号
    WHERE h.户主数 = 1 AND hm.年龄 IS NOT NULL AND m.年龄 IS NOT NULL AND m.是户主 = 0
)
SELECT _row, 问题字段,
       CASE WHEN rel = '配偶'
            THEN '配偶年龄 ' || CAST(a AS VARCHAR) || ' 岁，小于 ' || CAST(:min_spouse_age AS VARCHAR) || ' 岁'
            ELSE '与户主关系为' || rel || '，本人 ' || CAST(a AS VARCHAR) || ' 岁，户主 ' || CAST(ha AS VARCHAR)
                 || ' 岁，应至少比户主' || dir || ' ' || CAST(need AS VARCHAR) || ' 岁，实际年龄差 '
                 || CAST(gap AS VARCHAR) || ' 岁' END AS 说明
FROM t
WHERE (rel = '配偶' AND a < :min_spouse_age) OR gap < need
