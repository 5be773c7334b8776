// ForceAtlas2 off the main thread. The input positions are the seeded, grouped-by-département
// ones (lib/network.ts), and FA2 itself is deterministic: the same data gives the same picture.
// With several départements, each is laid out on its own (its internal links), then fitted back
// into its place on the grid: départements stay side by side, the layout costs a few
// milliseconds per département instead of a global n·log n run, and the picture reads as the
// territory's organisation. With one département, one global run.
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { withSafeKeys } from '../../../model/safe-graph.ts';
import { layoutIterations } from '../lib/layout-params.ts';

export interface LayoutRequest {
  id: number;
  nodes: { key: string; x: number; y: number; size: number; group: string }[];
  edges: { source: string; target: string; weight: number }[];
}
export interface LayoutResponse {
  id: number;
  positions: Record<string, [number, number]>;
  ms: number;
  groups: number;
}

type Positions = Record<string, [number, number]>;

function run(nodes: LayoutRequest['nodes'], edges: LayoutRequest['edges']): Positions {
  const graph = withSafeKeys(new Graph({ type: 'undirected', multi: false, allowSelfLoops: false }));
  for (const n of nodes) graph.addNode(n.key, { x: n.x, y: n.y, size: n.size });
  for (const e of edges) {
    if (e.source === e.target || !graph.hasNode(e.source) || !graph.hasNode(e.target)) continue;
    if (graph.hasEdge(e.source, e.target)) graph.updateEdgeAttribute(e.source, e.target, 'weight', (w: number | undefined) => (w ?? 0) + e.weight);
    else graph.addEdge(e.source, e.target, { weight: e.weight });
  }
  const out: Positions = Object.create(null); // keyed by node ids, which may be `constructor`
  if (graph.order <= 2) {
    for (const n of nodes) out[n.key] = [n.x, n.y];
    return out;
  }
  const settings = forceAtlas2.inferSettings(graph);
  const positions = forceAtlas2(graph, {
    iterations: layoutIterations(graph.order),
    getEdgeWeight: 'weight',
    settings: { ...settings, barnesHutOptimize: graph.order > 400, scalingRatio: graph.order <= 100 ? 14 : 6, gravity: graph.order <= 100 ? 0.6 : 1, slowDown: 2 },
  });
  for (const [key, p] of Object.entries(positions)) out[key] = [p.x, p.y];
  return out;
}

/** Scale and move a group's layout so that it fills the disc its initial positions occupied. */
function fit(nodes: LayoutRequest['nodes'], laid: Positions): Positions {
  const cx0 = nodes.reduce((s, n) => s + n.x, 0) / nodes.length;
  const cy0 = nodes.reduce((s, n) => s + n.y, 0) / nodes.length;
  const r0 = nodes.reduce((max, n) => Math.max(max, Math.hypot(n.x - cx0, n.y - cy0)), 1);
  const pts = nodes.map((n) => laid[n.key]);
  const cx = pts.reduce((s, p) => s + p[0], 0) / pts.length;
  const cy = pts.reduce((s, p) => s + p[1], 0) / pts.length;
  // The 90th percentile distance, so that one far node does not shrink the whole group.
  const dists = pts.map((p) => Math.hypot(p[0] - cx, p[1] - cy)).sort((a, b) => a - b);
  const r = Math.max(1e-9, dists[Math.floor(0.9 * (dists.length - 1))]);
  const k = r0 / r;
  const out: Positions = Object.create(null); // keyed by node ids, which may be `constructor`
  for (const n of nodes) {
    const [x, y] = laid[n.key];
    out[n.key] = [cx0 + (x - cx) * k, cy0 + (y - cy) * k];
  }
  return out;
}

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const started = performance.now();
  const { id, nodes, edges } = event.data;
  const byGroup = new Map<string, LayoutRequest['nodes']>();
  for (const n of nodes) {
    const list = byGroup.get(n.group);
    if (list) list.push(n);
    else byGroup.set(n.group, [n]);
  }
  let positions: Positions;
  if (byGroup.size <= 1) {
    // Wider than tall: the graph area is landscape and labels run to the right of their node.
    positions = run(nodes, edges);
    for (const p of Object.values(positions)) p[0] *= 1.6;
  } else {
    const groupOf = new Map(nodes.map((n) => [n.key, n.group]));
    const internal = new Map<string, LayoutRequest['edges']>();
    for (const e of edges) {
      const g = groupOf.get(e.source);
      if (g === undefined || g !== groupOf.get(e.target)) continue;
      const list = internal.get(g);
      if (list) list.push(e);
      else internal.set(g, [e]);
    }
    positions = Object.create(null);
    for (const [g, members] of byGroup) Object.assign(positions, members.length <= 2 ? run(members, []) : fit(members, run(members, internal.get(g) ?? [])));
  }
  const response: LayoutResponse = { id, positions, ms: Math.round(performance.now() - started), groups: byGroup.size };
  (self as unknown as Worker).postMessage(response);
};
