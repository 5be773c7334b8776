// Graph exports for Gephi: GEXF (graphology-gexf's writer) and GraphML (written here:
// graphology-graphml only parses). Mechanisms and people are nodes; declared links and
// coordination roles are directed edges.
import { MultiDirectedGraph } from 'graphology';
import { write as writeGexf } from 'graphology-gexf';
import { isActiveAt, statusAt } from '../model/dates.ts';
import type { ArticulationModel } from '../model/graph.ts';
import { withSafeKeys } from '../model/safe-graph.ts';
import type { Mechanism } from '../model/schema.ts';
import type { TerritoryIndex } from '../model/territory.ts';
import { LINK_KIND_LABELS, MECHANISM_KIND_LABELS, MECHANISM_STATUS_LABELS } from '../model/vocabulary.ts';

type Primitive = string | number | boolean;
type Attributes = Record<string, Primitive>;

/** Characters XML 1.0 forbids, and lone surrogates: removed from every exported string. */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const clean = (s: string) => s.replace(XML_INVALID, '');

/** The export graph: flat, primitive attributes only (what GEXF and GraphML can carry). */
export function exportGraph(model: ArticulationModel, asOf: string): MultiDirectedGraph<Attributes, Attributes> {
  const graph = withSafeKeys(new MultiDirectedGraph<Attributes, Attributes>());
  for (const e of model.entries) {
    const m = e.mechanism;
    const status = statusAt(m, asOf); // at the reference date, like `active` (docs/format.md, « Historique des statuts »); none before it existed
    graph.addNode(m.id, {
      label: clean(m.name),
      type: 'dispositif',
      kind: m.kind,
      kindLabel: MECHANISM_KIND_LABELS[m.kind],
      status: status ?? '',
      statusLabel: status ? MECHANISM_STATUS_LABELS[status] : '',
      active: isActiveAt(m, asOf),
      population: e.population,
      departements: e.departements.join(' '),
      start: m.dates?.start ?? '',
      end: m.dates?.end ?? '',
      themes: clean((m.themes ?? []).join(' ')),
    });
  }
  for (const p of model.people.values()) {
    graph.addNode(p.id, {
      label: clean(p.label),
      type: 'personne',
      kind: 'personne',
      kindLabel: 'Personne',
      status: '',
      statusLabel: '',
      active: true,
      population: 0,
      departements: '',
      start: '',
      end: '',
      themes: '',
    });
  }
  for (const link of model.links) {
    addEdge(graph, clean(link.id), link.from, link.to, {
      label: LINK_KIND_LABELS[link.kind],
      type: 'lien',
      kind: link.kind,
      stage: link.stage ?? '',
      date: link.date ?? '',
      opinion: link.opinion ?? '',
      response: clean(link.response ?? ''),
      fte: 0,
    });
  }
  for (const e of model.entries) {
    for (const [i, c] of (e.mechanism.coordinators ?? []).entries()) {
      addEdge(graph, `coordination--${c.person}--${e.mechanism.id}--${i}`, c.person, e.mechanism.id, {
        label: 'Coordination',
        type: 'coordination',
        kind: 'coordination',
        stage: '',
        date: '',
        opinion: '',
        response: '',
        fte: c.fte ?? 0,
      });
    }
  }
  return graph;
}

/** An edge under `key`, or `key-2`, `key-3`… when a link id (free text) already took it. */
function addEdge(graph: MultiDirectedGraph<Attributes, Attributes>, key: string, source: string, target: string, attributes: Attributes): void {
  let free = key;
  for (let n = 2; graph.hasEdge(free); n++) free = `${key}-${n}`;
  graph.addDirectedEdgeWithKey(free, source, target, attributes);
}

export function toGexf(model: ArticulationModel, asOf: string): string {
  return writeGexf(exportGraph(model, asOf), { version: '1.3' });
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function toGraphml(model: ArticulationModel, asOf: string): string {
  const graph = exportGraph(model, asOf);
  const typeOf = (value: Primitive) => (typeof value === 'boolean' ? 'boolean' : typeof value === 'number' ? (Number.isInteger(value) ? 'long' : 'double') : 'string');
  const keys = new Map<string, { id: string; for: 'node' | 'edge'; name: string; type: string }>();
  const declare = (scope: 'node' | 'edge', attributes: Attributes) => {
    for (const [name, value] of Object.entries(attributes)) {
      const key = `${scope}:${name}`;
      const type = typeOf(value);
      const known = keys.get(key);
      if (!known) keys.set(key, { id: `${scope === 'node' ? 'n' : 'e'}_${name}`, for: scope, name, type });
      else if (known.type !== type) known.type = known.type === 'string' || type === 'string' ? 'string' : 'double';
    }
  };
  graph.forEachNode((_, a) => declare('node', a));
  graph.forEachEdge((_, a) => declare('edge', a));
  const data = (scope: 'node' | 'edge', attributes: Attributes) =>
    Object.entries(attributes)
      .map(([name, value]) => `      <data key="${keys.get(`${scope}:${name}`)!.id}">${escapeXml(String(value))}</data>`)
      .join('\n');
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  ];
  for (const k of keys.values()) out.push(`  <key id="${k.id}" for="${k.for}" attr.name="${escapeXml(k.name)}" attr.type="${k.type}"/>`);
  out.push('  <graph id="articulation" edgedefault="directed">');
  graph.forEachNode((id, attributes) => out.push(`    <node id="${escapeXml(id)}">`, data('node', attributes), '    </node>'));
  graph.forEachEdge((id, attributes, source, target) =>
    out.push(`    <edge id="${escapeXml(id)}" source="${escapeXml(source)}" target="${escapeXml(target)}">`, data('edge', attributes), '    </edge>'),
  );
  out.push('  </graph>', '</graphml>', '');
  return out.join('\n');
}

/**
 * The dataset as exported in articulation/1: commune codes that have aged (a merged or delegated
 * commune) written as the current commune's code, once (docs/format.md, « Territoires »: codes that age). The
 * mechanisms without such a code are shared as they are.
 */
export function withCurrentCommuneCodes<D extends { mechanisms: Mechanism[] }>(dataset: D, territories: TerritoryIndex): D {
  let changed = false;
  const mechanisms = dataset.mechanisms.map((m) => {
    const communes = m.territory.communes;
    if (!communes?.some((code) => territories.currentCommuneCode(code) !== undefined)) return m;
    changed = true;
    const current = [...new Set(communes.map((code) => territories.currentCommuneCode(code) ?? code))];
    return { ...m, territory: { ...m.territory, communes: current } };
  });
  return changed ? { ...dataset, mechanisms } : dataset;
}
