// Throwaway prototype page for `npm run bench:map` (tests/bench/map.ts): draws one contour file
// with MapLibre GL (GeoJSON source + feature-state), d3-geo on a canvas, or a plain canvas with
// model/geo.ts's projection, and reports its timings in window.__bench. Not product code.
import { geoMercator, geoPath } from 'd3-geo';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { boundsOf, decodeLayer, fitProjection, type CommuneCollection, type GeoTopology } from '../../../model/geo.ts';

type Result = Record<string, number | string>;
declare global {
  interface Window {
    __bench?: Result;
  }
}

const params = new URLSearchParams(location.search);
const renderer = params.get('renderer') ?? 'maplibre';
const file = params.get('file') ?? 'france-communes.json';
const WIDTH = 1200;
const HEIGHT = 900;
const COLOURS = ['#e3e3fd', '#000091'];

/** A stand-in coverage: a commune is "covered" for kind k when a hash of its code says so. */
function covered(code: string, kind: number): boolean {
  let h = kind * 7919;
  for (let i = 0; i < code.length; i++) h = (h * 31 + code.charCodeAt(i)) >>> 0;
  return h % 3 === 0;
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

async function load(): Promise<{ layer: CommuneCollection; fetchMs: number; decodeMs: number }> {
  const t0 = performance.now();
  const topology = (await (await fetch(`/geo/${file}`)).json()) as GeoTopology;
  const t1 = performance.now();
  const layer = decodeLayer(topology);
  return { layer, fetchMs: t1 - t0, decodeMs: performance.now() - t1 };
}

async function withMaplibre(): Promise<Result> {
  const { layer, fetchMs, decodeMs } = await load();
  maplibregl.setWorkerUrl('/maplibre-gl-worker.mjs');
  const b = boundsOf(layer);
  const map = new maplibregl.Map({
    container: 'map',
    style: { version: 8, sources: {}, layers: [{ id: 'fond', type: 'background', paint: { 'background-color': '#ffffff' } }] },
    bounds: [b[0], b[1], b[2], b[3]],
    fitBoundsOptions: { padding: 10 },
    attributionControl: false,
    fadeDuration: 0,
  });
  await new Promise((resolve) => map.once('load', resolve));
  const styleLoadedMs = performance.now();
  const t0 = performance.now();
  // tuned=1: fewer zoom levels and coarser tiling in geojson-vt (the worker's tiler).
  const tuned = params.get('tuned') === '1' ? { maxzoom: 10, tolerance: 1, buffer: 16 } : {};
  map.addSource('communes', { type: 'geojson', data: layer as unknown as GeoJSON.FeatureCollection, promoteId: 'code', ...tuned });
  map.addLayer({ id: 'communes', type: 'fill', source: 'communes', paint: { 'fill-color': ['case', ['boolean', ['feature-state', 'covered'], false], COLOURS[1], COLOURS[0]] } });
  map.addLayer({ id: 'limites', type: 'line', source: 'communes', paint: { 'line-color': '#ffffff', 'line-width': 0.3 } });
  for (const f of layer.features) if (covered(f.id, 0)) map.setFeatureState({ source: 'communes', id: f.id }, { covered: true });
  let tilesLoadedMs = 0;
  map.on('sourcedata', (e) => {
    if (!tilesLoadedMs && e.sourceId === 'communes' && map.isSourceLoaded('communes')) tilesLoadedMs = performance.now() - t0;
  });
  await new Promise((resolve) => map.once('idle', resolve));
  const firstFrameMs = performance.now() - t0;
  const firstFrameSinceNavigation = performance.now();
  // A change of coverage kind: new feature state for every commune.
  const t1 = performance.now();
  for (const f of layer.features) map.setFeatureState({ source: 'communes', id: f.id }, { covered: covered(f.id, 1) });
  map.triggerRepaint();
  await new Promise((resolve) => map.once('idle', resolve));
  const changeMs = performance.now() - t1;
  const gl = map.getCanvas().getContext('webgl2') ?? map.getCanvas().getContext('webgl');
  const info = gl?.getExtension('WEBGL_debug_renderer_info');
  return { renderer, file, features: layer.features.length, fetchMs, decodeMs, styleLoadedMs, tilesLoadedMs, firstFrameMs, firstFrameSinceNavigation, changeMs, gl: info ? String(gl!.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'inconnu' };
}

function canvas(): CanvasRenderingContext2D {
  const element = document.createElement('canvas');
  element.id = 'plain';
  element.width = WIDTH;
  element.height = HEIGHT;
  document.getElementById('map')!.replaceChildren(element);
  return element.getContext('2d')!;
}

/**
 * Fill every commune with its colour, then lay the borders over them from an offscreen canvas
 * drawn once: a change of coverage kind refills, it does not restroke.
 */
function paint(ctx: CanvasRenderingContext2D, paths: { code: string; path: Path2D }[], kind: number, borders: HTMLCanvasElement): void {
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, WIDTH, HEIGHT);
  for (const { code, path } of paths) {
    ctx.fillStyle = COLOURS[covered(code, kind) ? 1 : 0];
    ctx.fill(path);
  }
  ctx.drawImage(borders, 0, 0);
}

function bordersOf(paths: { path: Path2D }[]): HTMLCanvasElement {
  const layer = document.createElement('canvas');
  layer.width = WIDTH;
  layer.height = HEIGHT;
  const ctx = layer.getContext('2d')!;
  ctx.strokeStyle = '#ffffff';
  ctx.lineWidth = 0.3;
  for (const { path } of paths) ctx.stroke(path);
  return layer;
}

async function withCanvas(kind: 'plain' | 'd3'): Promise<Result> {
  const { layer, fetchMs, decodeMs } = await load();
  const ctx = canvas();
  const t0 = performance.now();
  let paths: { code: string; path: Path2D }[];
  if (kind === 'plain') {
    const projection = fitProjection(boundsOf(layer), WIDTH, HEIGHT, 10);
    paths = layer.features.map((f) => {
      const path = new Path2D();
      const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const polygon of polygons) {
        for (const ring of polygon) {
          ring.forEach((point, i) => {
            const [x, y] = projection.project(point);
            if (i === 0) path.moveTo(x, y);
            else path.lineTo(x, y);
          });
          path.closePath();
        }
      }
      return { code: f.id, path };
    });
  } else {
    // d3-geo reads rings as spherical polygons: TopoJSON's exterior rings (counter-clockwise here)
    // would be taken as "the whole sphere minus the commune"; d3 wants them clockwise.
    const rewound = { ...layer, features: layer.features.map((f) => ({ ...f, geometry: rewind(f.geometry) })) };
    const projection = geoMercator().fitExtent([[10, 10], [WIDTH - 10, HEIGHT - 10]], rewound as unknown as GeoJSON.FeatureCollection);
    paths = rewound.features.map((f) => ({ code: f.id, path: new Path2D(geoPath(projection)(f as unknown as GeoJSON.Feature) ?? '') }));
  }
  const borders = bordersOf(paths);
  paint(ctx, paths, 0, borders);
  await nextFrame();
  const firstFrameMs = performance.now() - t0;
  const firstFrameSinceNavigation = performance.now();
  const t1 = performance.now();
  paint(ctx, paths, 1, borders);
  await nextFrame();
  return { renderer, file, features: layer.features.length, fetchMs, decodeMs, firstFrameMs, firstFrameSinceNavigation, changeMs: performance.now() - t1 };
}

function signedArea(ring: number[][]): number {
  let area = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) area += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return area / 2;
}

/** Exterior rings clockwise, holes counter-clockwise (d3-geo's convention). */
function rewind<G extends CommuneCollection['features'][number]['geometry']>(geometry: G): G {
  const fix = (polygon: number[][][]) => polygon.map((ring, i) => ((signedArea(ring) < 0) === (i === 0) ? ring : [...ring].reverse()));
  if (geometry.type === 'Polygon') return { ...geometry, coordinates: fix(geometry.coordinates) };
  return { ...geometry, coordinates: geometry.coordinates.map(fix) } as G;
}

const run = renderer === 'maplibre' ? withMaplibre() : withCanvas(renderer === 'd3' ? 'd3' : 'plain');
run.then(
  (result) => (window.__bench = result),
  (error: unknown) => (window.__bench = { error: String((error as Error)?.stack ?? error) }),
);
