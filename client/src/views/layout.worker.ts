// ForceAtlas2 off the main thread. The input positions are the seeded, grouped-by-département
// ones (lib/network.ts), and FA2 itself is deterministic: the same data gives the same picture.
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';

export interface LayoutRequest {
  id: number;
  nodes: { key: string; x: number; y: number; size: number }[];
  edges: { source: string; target: string; weight: number }[];
  iterations: number;
}
export interface LayoutResponse {
  id: number;
  positions: Record<string, [number, number]>;
  ms: number;
}

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const started = performance.now();
  const { id, nodes, edges, iterations } = event.data;
  const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (const n of nodes) graph.addNode(n.key, { x: n.x, y: n.y, size: n.size });
  for (const e of edges) {
    if (e.source === e.target || !graph.hasNode(e.source) || !graph.hasNode(e.target)) continue;
    if (graph.hasEdge(e.source, e.target)) {
      graph.updateEdgeAttribute(e.source, e.target, 'weight', (w: number | undefined) => (w ?? 0) + e.weight);
    } else graph.addEdge(e.source, e.target, { weight: e.weight });
  }
  const settings = forceAtlas2.inferSettings(graph);
  const positions = forceAtlas2(graph, {
    iterations,
    getEdgeWeight: 'weight',
    settings: { ...settings, adjustSizes: false, barnesHutOptimize: graph.order > 500, scalingRatio: graph.order > 500 ? 8 : 4, gravity: 0.5, slowDown: 2 },
  });
  const out: Record<string, [number, number]> = {};
  for (const [key, p] of Object.entries(positions)) out[key] = [p.x, p.y];
  const response: LayoutResponse = { id, positions: out, ms: Math.round(performance.now() - started) };
  (self as unknown as Worker).postMessage(response);
};
