// One palette for the map and the legend. Colours follow the tradition of French PLU maps and of the
// plans of Moroccan urban agencies: housing in yellows → oranges → browns as density rises, the mixed
// centre red, commerce magenta, tourism pink, industry violet, public facilities blue-grey, green spaces
// green, agriculture light green, natural areas dark green, no-build grey-green (hatched), future urban
// pale. Typed as Record<…> so that a category added to the API fails the typecheck until it has a colour.
import type { OverlayKind, PlanKind, ZoneCategory } from '../../server/shared/schemas.js';
import type { StudyOpinion } from '../../server/studies/schemas.js';

export const ZONE_COLOURS: Record<ZoneCategory, string> = {
  villa: '#fbe7a1',
  small_building: '#f7c948',
  apartment: '#ef8a2c',
  economic_housing: '#b8723a',
  mixed_centre: '#d7263d',
  commercial: '#b5179e',
  tourist: '#f4a2c0',
  industrial: '#8a63b8',
  facility: '#7d8ea6',
  green_space: '#4caf50',
  agricultural: '#cfe6a8',
  natural: '#2e6b34',
  no_build: '#a3b09a',
  future_urban: '#fbf3dc',
};

/** The order of the legend: housing by density, then activities, facilities, open land. */
export const ZONE_CATEGORY_ORDER: readonly ZoneCategory[] = [
  'villa', 'small_building', 'apartment', 'economic_housing', 'mixed_centre', 'commercial', 'tourist',
  'industrial', 'facility', 'green_space', 'agricultural', 'natural', 'no_build', 'future_urban',
];

export const OVERLAY_COLOURS: Record<OverlayKind, string> = {
  planned_road: '#d62828',
  reserved_facility: '#1d4e89',
  reserved_green: '#2b9348',
  no_build: '#5f6b5a',
  heritage: '#7b2cbf',
  flood_zone: '#3a9bdc',
  maritime_domain: '#0b6e99',
  utility_line: '#f77f00',
  railway_setback: '#343a40',
  cemetery: '#6b705c',
  wadi: '#0096c7',
};

export const OVERLAY_KIND_ORDER: readonly OverlayKind[] = [
  'planned_road', 'reserved_facility', 'reserved_green', 'no_build', 'heritage', 'flood_zone',
  'maritime_domain', 'utility_line', 'railway_setback', 'cemetery', 'wadi',
];

/** The perimeter of each kind of plan, so overlapping plans of different kinds stay distinguishable. */
export const PLAN_OUTLINE: Record<PlanKind, string> = {
  master: '#7a5c3e',
  development: '#303030',
  growth: '#1f5f4f',
  restructuring: '#7b1fa2',
};

/** The agency's opinion on a studied file (server/studies): green, amber, red, as traffic lights read. */
export const OPINION_COLOURS: Record<StudyOpinion, string> = {
  favourable: '#1a9850',
  favourable_with_conditions: '#e6a100',
  unfavourable: '#d73027',
};

export const OPINION_ORDER: readonly StudyOpinion[] = ['favourable', 'favourable_with_conditions', 'unfavourable'];

export const LAND = '#f3f0e8';
export const COMMUNE_LINE = '#5a5a6e';
export const PARCEL_LINE = '#4a4a4a';
export const SELECTED = '#e00034';
/** Plans not in force are drawn at this fraction of the layer's opacity, with dashed outlines. */
export const NOT_IN_FORCE_FACTOR = 0.35;
