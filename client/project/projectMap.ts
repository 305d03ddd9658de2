// The project on the map: its parcels outlined (feature-state `project` on the parcels source, drawn by a
// line layer added here so the shared style stays untouched), Shift/Ctrl+click adding the parcel under
// the pointer, and the polygon being drawn (a GeoJSON source of its own).
import type { GeoJSONSource, Map as MlMap, MapMouseEvent } from 'maplibre-gl';
import { PARCEL_FILL, PARCEL_SOURCE_LAYER } from '../map/style.js';
import { withStyle } from '../map/MapView.js';
import type { ProjectParcel } from './useProject.js';

export const PROJECT_LINE = 'project-line';
export const DRAW_SOURCE = 'project-draw';

function ensureLayers(map: MlMap): void {
  if (map.getSource('parcels') && !map.getLayer(PROJECT_LINE)) {
    map.addLayer({
      id: PROJECT_LINE,
      type: 'line',
      source: 'parcels',
      'source-layer': PARCEL_SOURCE_LAYER,
      paint: {
        'line-color': '#d9480f',
        'line-width': 3,
        'line-dasharray': [2, 1],
        'line-opacity': ['case', ['boolean', ['feature-state', 'project'], false], 1, 0],
      },
    });
  }
  if (!map.getSource(DRAW_SOURCE)) {
    map.addSource(DRAW_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    map.addLayer({ id: `${DRAW_SOURCE}-fill`, type: 'fill', source: DRAW_SOURCE, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#d9480f', 'fill-opacity': 0.15 } });
    map.addLayer({ id: `${DRAW_SOURCE}-line`, type: 'line', source: DRAW_SOURCE, paint: { 'line-color': '#d9480f', 'line-width': 2 } });
    map.addLayer({ id: `${DRAW_SOURCE}-points`, type: 'circle', source: DRAW_SOURCE, filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 4, 'circle-color': '#d9480f' } });
  }
}

/** Sets the `project` feature-state of the parcels: on for `ids`, off for those of `before` no longer in it. */
export function highlightProject(map: MlMap, before: readonly number[], ids: readonly number[]): void {
  withStyle(map, () => {
    ensureLayers(map);
    if (!map.getSource('parcels')) return;
    const keep = new Set(ids);
    for (const id of before) if (!keep.has(id)) map.setFeatureState({ source: 'parcels', sourceLayer: PARCEL_SOURCE_LAYER, id }, { project: false });
    for (const id of ids) map.setFeatureState({ source: 'parcels', sourceLayer: PARCEL_SOURCE_LAYER, id }, { project: true });
  });
}

/** The polygon being drawn (lon, lat vertices): its outline, area and vertices. */
export function showDrawing(map: MlMap, vertices: ReadonlyArray<[number, number]>, closed: boolean): void {
  withStyle(map, () => {
    ensureLayers(map);
    const ring = closed && vertices.length >= 3 ? [...vertices, vertices[0]!] : [...vertices];
    map.getSource<GeoJSONSource>(DRAW_SOURCE)?.setData({
      type: 'FeatureCollection',
      features: [
        ...vertices.map((c) => ({ type: 'Feature' as const, properties: {}, geometry: { type: 'Point' as const, coordinates: c } })),
        ...(ring.length >= 2
          ? [
              closed && ring.length >= 4
                ? { type: 'Feature' as const, properties: {}, geometry: { type: 'Polygon' as const, coordinates: [ring] } }
                : { type: 'Feature' as const, properties: {}, geometry: { type: 'LineString' as const, coordinates: ring } },
            ]
          : []),
      ],
    });
  });
}

/** Shift/Ctrl/Cmd+click on a parcel adds it to the project (the click still opens its sheet). */
export function followProjectClicks(map: MlMap, onAdd: (p: ProjectParcel) => void): () => void {
  const onClick = (e: MapMouseEvent) => {
    const ev = e.originalEvent;
    if (!(ev.shiftKey || ev.ctrlKey || ev.metaKey) || !map.getLayer(PARCEL_FILL)) return;
    const f = map.queryRenderedFeatures(e.point, { layers: [PARCEL_FILL] })[0];
    const id = typeof f?.id === 'number' ? f.id : Number(f?.id);
    if (f && Number.isInteger(id)) onAdd({ id, ref: String((f.properties as Record<string, unknown>).ref ?? id) });
  };
  map.on('click', onClick);
  return () => {
    map.off('click', onClick);
  };
}
