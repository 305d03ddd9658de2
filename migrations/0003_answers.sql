-- 0003 — the pieces every answer shares: how a plan version is named (plan_ref) and how a zone's rules
-- are stated (regulation_json), so identify, the parcel sheet, plans and (later) notes say the same thing.

-- Precedence of plan kinds for a parcel: the most detailed binding plan governs (a restructuring plan
-- re-plans part of a plan d'aménagement; an SDAU is strategic and not opposable at parcel level).
CREATE FUNCTION plan_kind_rank(k plan_kind) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE k WHEN 'restructuring' THEN 1 WHEN 'development' THEN 2 WHEN 'growth' THEN 3 ELSE 4 END
$$;

CREATE FUNCTION plan_refs_at(d date)
RETURNS TABLE (version_id integer, plan_id integer, kind plan_kind, in_force boolean, kind_rank integer, ref jsonb)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT va.version_id, va.plan_id, va.kind, va.in_force, plan_kind_rank(va.kind),
         jsonb_build_object(
           'id', p.id, 'code', p.code, 'kind', p.kind, 'name', p.name, 'illustrative', p.illustrative,
           'versionId', v.id, 'versionNo', v.version_no, 'status', va.status, 'inForce', va.in_force,
           'decreeRef', v.decree_ref, 'boRef', v.bo_ref, 'boDate', v.bo_date,
           'approvedOn', v.approved_on, 'expiresOn', v.expires_on)
  FROM versions_at(d) va
  JOIN plan_versions v ON v.id = va.version_id
  JOIN plans p ON p.id = va.plan_id
$$;
COMMENT ON FUNCTION plan_refs_at(date) IS 'versions_at(d) with each version named as the API names it (PlanRef).';

CREATE FUNCTION regulation_json(r regulations) RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN r.id IS NULL THEN NULL ELSE jsonb_build_object(
    'zoneCode', r.zone_code,
    'allowedUses', r.allowed_uses, 'forbiddenUses', r.forbidden_uses,
    'maxHeightM', r.max_height_m, 'maxLevels', r.max_levels, 'cos', r.cos, 'ces', r.ces,
    'minLotAreaM2', r.min_lot_area_m2, 'minFrontageM', r.min_frontage_m,
    'setbacks', jsonb_build_object('frontM', r.setback_front_m, 'sideM', r.setback_side_m, 'rearM', r.setback_rear_m),
    'parking', r.parking, 'remarks', r.remarks, 'articleRef', r.article_ref) END
$$;
