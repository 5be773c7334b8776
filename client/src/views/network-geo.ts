// The network's « géographique » layout: each mechanism at its perimeter's population-weighted
// centre (model/geo.ts, in Web Mercator), people beside the first mechanism they coordinate, and
// the contours (communes of a département, départements of a région or of France) as a faint
// background the renderer draws under the graph. Graph coordinates are Mercator degrees: x east,
// y north.
import { featureCentres, mercator, populationWeightedCentre, type GeoGeometry } from '../../../model/geo.ts';
import { api, cancellable, json, type Graph } from '../api.ts';
import type { AppContext } from '../context.ts';
import { scopeKey, type Scope } from '../lib/state.ts';
import { loadLayer } from './map-layers.ts';

export interface GeoLayout {
  positions: Map<string, { x: number; y: number }>;
  /** Contours to draw faintly under the graph, in graph coordinates (Mercator degrees). */
  background: { geometries: GeoGeometry[]; borders: GeoGeometry[] };
  /** Mechanisms whose perimeter has no contour in the layer (placed in a row below it). */
  unplaced: number;
}

/** The positions of the graph's nodes and the background, for a territory. */
export async function geographicLayout(ctx: AppContext, scope: Scope, territory: Record<string, string>, graph: Pick<Graph, 'nodes' | 'edges'>, signal: AbortSignal): Promise<GeoLayout> {
  const [layer, perimeters] = await Promise.all([
    loadLayer(scope, signal),
    ctx.cached(`perimeters|${scopeKey(scope)}`, (s) => json(api.perimeters.$get({ query: territory }, cancellable(s))), signal),
  ]);
  const centres = featureCentres({ type: 'FeatureCollection', features: layer.features });
  const population = new Map(perimeters.communes.map((code, i) => [code, perimeters.populations[i]]));
  const perimeterOf = new Map(perimeters.mechanisms.map((m) => [m.id, m.communes.map((i) => perimeters.communes[i])]));
  const positions = new Map<string, { x: number; y: number }>();
  const unplaced: string[] = [];
  for (const node of graph.nodes) {
    if (node.type !== 'mechanism') continue;
    const { centre } = populationWeightedCentre(perimeterOf.get(node.id) ?? [], centres, (code) => population.get(code) ?? 0);
    if (!centre) {
      unplaced.push(node.id);
      continue;
    }
    const [x, y] = mercator(centre);
    positions.set(node.id, { x, y });
  }
  const box = extent(positions);
  const step = Math.max(box.width, box.height) / 40 || 0.05;
  unplaced.forEach((id, i) => positions.set(id, { x: box.x0 + i * step, y: box.y0 - 2 * step }));
  spreadTwins(positions, step * 0.6);
  placePeople(graph, positions, step / 2);
  const crowded = layer.features.length > 3000;
  return { positions, background: { geometries: crowded ? [] : layer.features.map((f) => f.geometry), borders: layer.borders }, unplaced: unplaced.length };
}

function extent(positions: ReadonlyMap<string, { x: number; y: number }>) {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const { x, y } of positions.values()) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  if (!Number.isFinite(x0)) return { x0: 0, y0: 0, width: 1, height: 1 };
  return { x0, y0, width: x1 - x0, height: y1 - y0 };
}

/** Mechanisms on the same territory (a PTSM and a DAC of one département) on a small circle around it, not on top of each other. */
function spreadTwins(positions: Map<string, { x: number; y: number }>, radius: number): void {
  const groups = new Map<string, string[]>();
  for (const [id, p] of positions) {
    const key = `${p.x.toFixed(5)},${p.y.toFixed(5)}`;
    const list = groups.get(key);
    if (list) list.push(id);
    else groups.set(key, [id]);
  }
  for (const ids of groups.values()) {
    if (ids.length < 2) continue;
    const r = radius * Math.sqrt(ids.length);
    ids.sort().forEach((id, i) => {
      const p = positions.get(id)!;
      const angle = (2 * Math.PI * i) / ids.length;
      positions.set(id, { x: p.x + r * Math.cos(angle), y: p.y + r * Math.sin(angle) });
    });
  }
}

/** A person beside the first mechanism they coordinate. */
function placePeople(graph: Pick<Graph, 'nodes' | 'edges'>, positions: Map<string, { x: number; y: number }>, offset: number): void {
  const first = new Map<string, string>();
  for (const e of graph.edges) if (e.type === 'coordination' && !first.has(e.source) && positions.has(e.target)) first.set(e.source, e.target);
  graph.nodes
    .filter((n) => n.type === 'person')
    .forEach((person, i) => {
      const target = first.get(person.id);
      const anchor = target ? positions.get(target)! : { x: 0, y: 0 };
      const angle = 2.4 * i;
      positions.set(person.id, { x: anchor.x + offset * Math.cos(angle), y: anchor.y + offset * Math.sin(angle) });
    });
}
