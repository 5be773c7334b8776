// graphology keeps each node's neighbours in plain `{}` objects keyed by the neighbour's key
// (node data `in`, `out`, `undirected`). A node whose id is an Object.prototype member
// (`constructor`, a valid mechanism or person id) then finds the inherited function there: the
// adjacency is corrupted, the edge list is chained to `Object` itself, and iterating a neighbour's
// edges throws. Every graph keyed by user ids goes through `withSafeKeys`, which gives its nodes
// null-prototype neighbour indexes.
import type { AbstractGraph } from 'graphology-types';

type NodeDataClass = new (key: string, attributes: unknown) => object & { clear(): void };
const INDEXES = ['in', 'out', 'undirected'] as const;
/**
 * The prototype of the neighbour indexes: nothing but the one method graphology calls on them
 * (`hasEdge` and its kin). Node ids are lower case, so none is `hasOwnProperty`.
 */
const INDEX_PROTOTYPE: object = Object.freeze(Object.create(null, { hasOwnProperty: { value: Object.prototype.hasOwnProperty } }));

/** The same graph, whose nodes get neighbour indexes without Object.prototype. Call it on a new, empty graph. */
export function withSafeKeys<G extends AbstractGraph>(graph: G): G {
  const internals = graph as unknown as { NodeDataClass?: NodeDataClass; order: number };
  const Base = internals.NodeDataClass;
  // A graphology version without this hook would silently bring the bug back: fail loudly instead.
  if (typeof Base !== 'function') throw new Error('withSafeKeys: graphology does not expose NodeDataClass (version changed?)');
  if (internals.order > 0) throw new Error('withSafeKeys: the graph must be empty');
  internals.NodeDataClass = class extends Base {
    override clear(): void {
      super.clear();
      const indexes = this as unknown as Record<string, unknown>;
      for (const name of INDEXES) if (name in indexes) indexes[name] = Object.create(INDEX_PROTOTYPE);
    }
  };
  return graph;
}
