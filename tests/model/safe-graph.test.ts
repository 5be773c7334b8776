// graphology graphs keyed by ids that are Object.prototype members: every operation the model,
// the exports and the client's views use works, on every kind of graph.
import Graph, { MultiDirectedGraph, UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { withSafeKeys } from '../../model/safe-graph.ts';

const KINDS = {
  'multi directed (model, exports, network view)': () => new MultiDirectedGraph(),
  'undirected (layout worker)': () => new Graph({ type: 'undirected', multi: false, allowSelfLoops: false }),
  'mixed multi': () => new Graph({ multi: true }),
  'undirected simple': () => new UndirectedGraph(),
};

describe('withSafeKeys', () => {
  for (const [name, make] of Object.entries(KINDS)) {
    it(`${name}: a node \`constructor\` has its edges, neighbours and lookups`, () => {
      const g = withSafeKeys(make());
      for (const node of ['constructor', 'a', 'b', 'tostring']) g.addNode(node);
      g.addEdge('a', 'constructor', { weight: 1 });
      g.addEdge('constructor', 'b', { weight: 2 });
      expect(g.hasEdge('a', 'constructor')).toBe(true);
      expect(g.hasEdge('a', 'b')).toBe(false);
      expect(g.hasEdge('b', 'tostring')).toBe(false);
      expect(g.edges('a', 'b')).toEqual([]);
      expect(g.edges('a', 'constructor')).toHaveLength(1);
      expect(g.neighbors('constructor').sort()).toEqual(['a', 'b']);
      expect(g.neighbors('a')).toEqual(['constructor']);
      const seen: string[] = [];
      g.forEachEdge('constructor', (_e, attrs, source, target) => seen.push(`${source}>${target}:${attrs.weight}`));
      expect(seen.sort()).toEqual(['a>constructor:1', 'constructor>b:2']);
      const [edge] = g.edges('a', 'constructor');
      g.updateEdgeAttribute(edge, 'weight', (w: number) => w + 1);
      expect(g.getEdgeAttribute(edge, 'weight')).toBe(2);
      if (!g.multi) expect(g.getEdgeAttribute('a', 'constructor', 'weight')).toBe(2);
      g.dropNode('constructor');
      expect(g.size).toBe(0);
      expect((Object as unknown as Record<string, unknown>).previous).toBeUndefined();
    });
  }

  it('refuses a graph that already has nodes', () => {
    const g = new MultiDirectedGraph();
    g.addNode('a');
    expect(() => withSafeKeys(g)).toThrow(/vide|empty/);
  });
});
