// A small function-component wrapper around maplibregl.Map: it creates the map once, forwards clicks
// and moves through callbacks, and applies layer visibility, opacity, the selected parcel (feature-state)
// and the clicked point when its props change. Everything else (fitting to a search hit…) is done by
// the parent on the Map it receives through onMap.
import { useEffect, useRef } from 'react';
import { AttributionControl, Map as MlMap, NavigationControl, ScaleControl } from 'maplibre-gl';
import type { ControlPosition, GeoJSONSource, IControl, MapMouseEvent, PointLike, StyleSpecification } from 'maplibre-gl';
import type { Lang } from '../../server/shared/schemas.js';
import { dirOf } from '../lib/lang.js';
import { NARROW } from '../panels/focus.js';
import { LAYER_IDS } from '../lib/urlState.js';
import type { LayersState, LonLat, View } from '../lib/urlState.js';
import { followLabels } from './labelPoints.js';
import type { LabelFollower } from './labelPoints.js';
import { labelLanguage } from './text.js';
import {
  HATCH_IMAGE,
  PARCEL_FILL,
  PARCEL_SOURCE_LAYER,
  POINT_SOURCE,
  TERRITORY_BOUNDS,
  hatchImage,
  labelLayers,
  labelText,
  opacityPaint,
} from './style.js';

export interface Pick {
  lngLat: LonLat;
  /** The parcel drawn under the click, if any. */
  parcelId: number | null;
  zoom: number;
}

export interface MapViewProps {
  style: StyleSpecification;
  layers: LayersState;
  /** The labels' language. */
  lang: Lang;
  selectedParcel: number | null;
  point: LonLat | null;
  /** Null: fit the agency's territory. */
  initialView: View | null;
  /** MapLibre's control labels in the interface language (MapLibre's own keys). */
  locale: Record<string, string>;
  /** The attribution control's credits, HTML. */
  credits: string[];
  label: string;
  onMove(view: View): void;
  onPick(pick: Pick): void;
  onMap(map: MlMap | null): void;
}

export function MapView(props: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MlMap | null>(null);
  // Set on 'load'. Not map.isStyleLoaded(): that is false whenever tiles are loading, and an update
  // skipped then would be lost.
  const ready = useRef(false);
  // Callbacks through a ref: the map is created once and must always call the latest ones.
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    if (!container.current) return;
    const { style, initialView, locale } = latest.current;
    const map = new MlMap({
      container: container.current,
      style,
      ...(initialView
        ? { center: [initialView.lon, initialView.lat] as [number, number], zoom: initialView.zoom }
        : { bounds: TERRITORY_BOUNDS, fitBoundsOptions: { padding: 20 } }),
      maxZoom: 20,
      attributionControl: false,
      locale,
      // Labels appear at once rather than over 300 ms: every frame of a fade is a full repaint, which on a
      // phone (or software WebGL) delays the moment the map is complete (docs/performance.md).
      fadeDuration: 0,
      // A tilted or rotated plan misleads more than it helps: plans are read north up.
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
    });
    map.touchZoomRotate.disableRotation();
    map.keyboard.disableRotation();
    const labels = prepareMap(map);
    map.on('moveend', () => {
      const c = map.getCenter();
      latest.current.onMove({ zoom: map.getZoom(), lat: c.lat, lon: c.lng });
    });
    map.on('click', (e: MapMouseEvent) => latest.current.onPick(pickAt(map, e.point)));
    map.on('mouseenter', PARCEL_FILL, () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', PARCEL_FILL, () => (map.getCanvas().style.cursor = ''));
    map.on('load', () => {
      ready.current = true;
      applyLayers(map, latest.current.layers);
      applySelection(map, null, latest.current.selectedParcel);
      applyPoint(map, latest.current.point);
      applyLabelLanguage(map, latest.current.lang);
    });
    // The canvas is the map's keyboard target (arrows pan, +/− zoom): name it for screen readers.
    map.getCanvas().setAttribute('aria-label', latest.current.label);
    mapRef.current = map;
    latest.current.onMap(map);
    return () => {
      latest.current.onMap(null);
      labels.stop();
      mapRef.current = null;
      ready.current = false;
      map.remove();
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (map && ready.current) applyLayers(map, props.layers);
  }, [props.layers]);

  const previous = useRef<number | null>(null);
  useEffect(() => {
    const map = mapRef.current;
    if (map && ready.current) applySelection(map, previous.current, props.selectedParcel);
    previous.current = props.selectedParcel;
  }, [props.selectedParcel]);

  useEffect(() => {
    const map = mapRef.current;
    if (map && ready.current) applyPoint(map, props.point);
  }, [props.point]);

  useEffect(() => {
    const map = mapRef.current;
    if (map && ready.current) applyLabelLanguage(map, props.lang);
  }, [props.lang]);

  // The map's own controls in the interface language and mirrored in Arabic: MapLibre reads its locale
  // when a control is added, so they are added again when the language changes.
  const { label, locale, credits, lang } = props;
  const localeKey = JSON.stringify([locale, credits]);
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    map.getCanvas().setAttribute('aria-label', label);
    map._locale = { ...map._locale, ...locale };
    const rtl = dirOf(lang) === 'rtl';
    const controls: Array<[IControl, ControlPosition]> = [
      [new NavigationControl({ showCompass: false }), rtl ? 'top-left' : 'top-right'],
      [new ScaleControl({ unit: 'metric' }), rtl ? 'bottom-right' : 'bottom-left'],
      // The credits in the interface language (the sources' own attribution is left empty, style.ts):
      // the commune boundaries are OpenStreetMap's (ODbL), the plans and parcels illustrative samples.
      [new AttributionControl({ compact: true, customAttribution: credits }), rtl ? 'bottom-left' : 'bottom-right'],
    ];
    for (const [control, position] of controls) map.addControl(control, position);
    // On a phone the credits start folded behind their (i) button (MapLibre unfolds them at first),
    // where they would cover the scale and the coordinates.
    if (matchMedia(NARROW).matches) map.getContainer().querySelector('.maplibregl-compact-show')?.classList.remove('maplibregl-compact-show');
    return () => {
      for (const [control] of controls) if (map.hasControl(control)) map.removeControl(control);
    };
    // localeKey stands for locale and credits, new objects on every render of the parent.
  }, [label, localeKey, lang]);

  return <div ref={container} className="map" />;
}

/**
 * What every map of the viewer needs beside its style (the main map, the compare and print maps): the
 * no-build hatching, drawn in code, and the points its labels are written at (map/labelPoints.ts).
 */
export function prepareMap(map: MlMap): LabelFollower {
  map.on('styleimagemissing', (e) => {
    if (e.id === HATCH_IMAGE && !map.hasImage(HATCH_IMAGE)) map.addImage(HATCH_IMAGE, hatchImage());
  });
  return followLabels(map);
}

/** What lies at a screen point (default: the centre): the position, the parcel drawn there, the zoom. */
export function pickAt(map: MlMap, point?: PointLike): Pick {
  const p = point ?? map.project(map.getCenter());
  const hits = map.getLayer(PARCEL_FILL) ? map.queryRenderedFeatures(p, { layers: [PARCEL_FILL] }) : [];
  const id = hits[0]?.id;
  const lngLat = map.unproject(p);
  return {
    lngLat: { lon: lngLat.lng, lat: lngLat.lat },
    parcelId: typeof id === 'number' ? id : id != null && /^\d+$/.test(String(id)) ? Number(id) : null,
    zoom: map.getZoom(),
  };
}

function applyLayers(map: MlMap, layers: LayersState): void {
  for (const id of LAYER_IDS) {
    const visibility = layers[id].visible ? 'visible' : 'none';
    for (const { layer, property, value } of opacityPaint(id, layers[id].opacity)) {
      if (!map.getLayer(layer)) continue; // a source the catalog does not offer
      if (map.getLayoutProperty(layer, 'visibility') !== visibility) map.setLayoutProperty(layer, 'visibility', visibility);
      map.setPaintProperty(layer, property, value);
    }
  }
}

/**
 * Runs fn once the map's style has loaded: now if it has (map.isStyleLoaded() would also wait for every
 * tile in view, and an update skipped then would be lost), else on 'style.load'.
 */
export function withStyle(map: MlMap, fn: () => void): void {
  if (map.style?._loaded) fn();
  else map.once('style.load', fn);
}

/** Labels in a language: names switch between name_ar and name_fr; codes stay as written. */
export function applyLabelLanguage(map: MlMap, lang: Lang): void {
  for (const { id, text } of labelLayers(map.getStyle())) {
    if (text === 'name') map.setLayoutProperty(id, 'text-field', labelText(text, labelLanguage(lang)));
  }
}

function applySelection(map: MlMap, before: number | null, after: number | null): void {
  if (!map.getSource('parcels')) return;
  if (before != null && before !== after) {
    map.setFeatureState({ source: 'parcels', sourceLayer: PARCEL_SOURCE_LAYER, id: before }, { selected: false });
  }
  if (after != null) {
    map.setFeatureState({ source: 'parcels', sourceLayer: PARCEL_SOURCE_LAYER, id: after }, { selected: true });
  }
}

function applyPoint(map: MlMap, point: LonLat | null): void {
  const source = map.getSource<GeoJSONSource>(POINT_SOURCE);
  source?.setData({
    type: 'FeatureCollection',
    features: point
      ? [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [point.lon, point.lat] } }]
      : [],
  });
}
