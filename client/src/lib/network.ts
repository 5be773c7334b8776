// From the API's GraphView to the attributes sigma draws, the initial layout, filters and
// search. Pure (no DOM, no WebGL) so that it runs and is tested in Node.
import type { GraphEdge, GraphEdgeType, GraphNode, GraphView, SeverityCounts } from '../../../model/views.ts';
import { foldText, plural } from '../../../model/text.ts';
import { SEVERITIES, type Severity } from '../../../model/rules/types.ts';
import {
  AVIS_STAGE_LABELS,
  LINK_KIND_LABELS,
  MECHANISM_KINDS,
  MECHANISM_STATUSES,
  type AvisStage,
  type LinkKind,
  type MechanismKind,
  type MechanismStatus,
} from '../../../model/vocabulary.ts';
import { lighten, withAlpha, type Palette } from './colors.ts';
import { seededRandom } from './random.ts';

export interface NodeAttributes {
  label: string;
  x: number;
  y: number;
  size: number;
  color: string;
  nodeType: 'mechanism' | 'person';
  kind?: MechanismKind;
  status?: MechanismStatus;
  active: boolean;
  population: number;
  departements: readonly string[];
  /** Themes it works on (for the theme filter). */
  themes: readonly string[];
  findings: SeverityCounts;
  /** Most severe finding on this node, if any. */
  worst?: Severity;
  /** Folded label for accent-insensitive search. */
  folded: string;
  /** Layout group (département): the layout keeps groups apart. */
  group: string;
}

/** Sigma's program names: see the network view's edgeProgramClasses. */
export type EdgeProgram = 'arrow' | 'line' | 'dashed';

export interface EdgeAttributes {
  edgeType: GraphEdgeType;
  type: EdgeProgram;
  kind?: LinkKind;
  stage?: AvisStage;
  color: string;
  size: number;
  label: string;
  severity?: Severity;
  finding?: string;
  rule?: string;
  /** Layout weight: declared links pull more than suggestions. */
  weight: number;
}

export interface SerializedGraph {
  nodes: { key: string; attributes: NodeAttributes }[];
  edges: { key: string; source: string; target: string; attributes: EdgeAttributes }[];
}

/** Node size (pixels at zoom 1) from the population covered: square-root scale, bounded, times `scale`. */
export function nodeSize(population: number | undefined, type: 'mechanism' | 'person' = 'mechanism', scale = 1): number {
  if (type === 'person') return Math.round(3 * scale * 10) / 10;
  const p = Math.max(0, population ?? 0);
  return Math.round(Math.min(24, Math.max(4, 4 + 2.6 * Math.sqrt(p / 10_000))) * scale * 10) / 10;
}

/** Smaller discs when there are many (a région, France) so that départements stay readable. */
export function sizeScale(order: number): number {
  return order <= 300 ? 1 : order <= 1000 ? 0.6 : 0.38;
}

export function worstSeverity(counts: SeverityCounts): Severity | undefined {
  return SEVERITIES.find((s) => counts[s] > 0);
}

export function nodeColor(node: Pick<GraphNode, 'type' | 'kind' | 'active'>, palette: Palette): string {
  if (node.type === 'person' || !node.kind) return palette.misc.person;
  const base = palette.kind[node.kind];
  return node.active === false ? lighten(base, 0.55) : base;
}

export function edgeLabel(edge: GraphEdge): string {
  switch (edge.type) {
    case 'link':
      return edge.kind ? `${LINK_KIND_LABELS[edge.kind]}${edge.stage ? ` (${AVIS_STAGE_LABELS[edge.stage]})` : ''}` : 'Lien';
    case 'ghost':
      return `Lien manquant : ${edge.kind ? LINK_KIND_LABELS[edge.kind] : ''}${edge.stage ? ` (${AVIS_STAGE_LABELS[edge.stage]})` : ''}`;
    case 'overlap':
      return `Chevauchement${edge.sharedCommunes ? ` : ${plural(edge.sharedCommunes, 'commune')} en commun` : ''}`;
    case 'coordination':
      return `Coordination${edge.fte !== undefined ? ` (${String(edge.fte).replace('.', ',')} ETP)` : ''}`;
  }
}

export function edgeAttributes(edge: GraphEdge, palette: Palette): EdgeAttributes {
  const base = { edgeType: edge.type, label: edgeLabel(edge), ...(edge.kind ? { kind: edge.kind } : {}), ...(edge.stage ? { stage: edge.stage } : {}) };
  const extra = { ...(edge.severity ? { severity: edge.severity } : {}), ...(edge.finding ? { finding: edge.finding } : {}), ...(edge.rule ? { rule: edge.rule } : {}) };
  switch (edge.type) {
    case 'link':
      return { ...base, type: 'arrow', color: edge.kind ? palette.link[edge.kind] : palette.misc.mention, size: 1.6, weight: 1 };
    case 'ghost':
      return { ...base, ...extra, type: 'dashed', color: withAlpha(palette.misc.ghost, 0.85), size: 1.6, weight: 0.3 };
    case 'overlap': {
      const size = Math.min(5, 1 + Math.sqrt((edge.sharedPopulation ?? 0) / 50_000));
      return { ...base, ...extra, type: 'line', color: withAlpha(palette.misc.overlap, 0.8), size: Math.round(size * 10) / 10, weight: 0.5 };
    }
    case 'coordination':
      return { ...base, type: 'line', color: palette.misc.coordination, size: 1, weight: 0.5 };
  }
}

export interface LayoutOptions {
  /** Sort key of a département for the grid of groups (e.g. région code + département code). */
  groupOrder?: (departement: string) => string;
  seed?: number;
}

/**
 * Initial positions, deterministic: nodes grouped by (first) département, groups on a grid
 * ordered by `groupOrder`, each node at a seeded place in its group's disc. People sit with
 * the first mechanism they coordinate.
 */
/** The layout group of each node: its (first) département; a person joins the first mechanism it coordinates. */
export function layoutGroups(view: Pick<GraphView, 'nodes' | 'edges'>): Map<string, string> {
  const groupOf = new Map<string, string>();
  for (const n of view.nodes) if (n.type === 'mechanism') groupOf.set(n.id, [...(n.departements ?? [])].sort()[0] ?? '');
  for (const e of view.edges) {
    if (e.type === 'coordination' && !groupOf.has(e.source)) groupOf.set(e.source, groupOf.get(e.target) ?? '');
  }
  for (const n of view.nodes) if (!groupOf.has(n.id)) groupOf.set(n.id, '');
  return groupOf;
}

export function initialPositions(view: Pick<GraphView, 'nodes' | 'edges'>, options: LayoutOptions = {}): Map<string, { x: number; y: number }> {
  const seed = options.seed ?? 79;
  const groupOf = layoutGroups(view);
  const groups = new Map<string, string[]>();
  for (const n of view.nodes) {
    const g = groupOf.get(n.id) ?? '';
    const list = groups.get(g);
    if (list) list.push(n.id);
    else groups.set(g, [n.id]);
  }
  const order = options.groupOrder ?? ((d: string) => d);
  const keys = [...groups.keys()].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const largest = Math.max(1, ...[...groups.values()].map((l) => l.length));
  const radiusOf = (count: number) => 10 * Math.sqrt(count);
  const spacing = 2.4 * radiusOf(largest);
  // A landscape grid (about 16:10), the shape of the graph area on a desktop screen.
  const cols = Math.max(1, Math.min(keys.length, Math.round(Math.sqrt(keys.length * 1.6))));
  const positions = new Map<string, { x: number; y: number }>();
  keys.forEach((key, i) => {
    const cx = (i % cols) * spacing;
    const cy = -Math.floor(i / cols) * spacing;
    const ids = groups.get(key)!;
    const radius = radiusOf(ids.length);
    for (const id of ids) {
      const rnd = seededRandom(id, seed);
      const r = radius * Math.sqrt(rnd());
      const theta = 2 * Math.PI * rnd();
      positions.set(id, { x: cx + r * Math.cos(theta), y: cy + r * Math.sin(theta) });
    }
  });
  return positions;
}

/** The graph to load into graphology (`graph.import`), with initial positions. */
export function toSerializedGraph(view: GraphView, palette: Palette, options: LayoutOptions & { positions?: ReadonlyMap<string, { x: number; y: number }> } = {}): SerializedGraph {
  const positions = options.positions ?? initialPositions(view, options);
  const groups = layoutGroups(view);
  const scale = sizeScale(view.nodes.length);
  const ids = new Set(view.nodes.map((n) => n.id));
  const nodes = view.nodes.map((n) => {
    const p = positions.get(n.id) ?? { x: 0, y: 0 };
    const worst = worstSeverity(n.findings);
    return {
      key: n.id,
      attributes: {
        label: n.label,
        x: p.x,
        y: p.y,
        size: nodeSize(n.population, n.type, scale),
        color: nodeColor(n, palette),
        nodeType: n.type,
        ...(n.kind ? { kind: n.kind } : {}),
        ...(n.status ? { status: n.status } : {}),
        active: n.active ?? true,
        population: n.population ?? 0,
        departements: n.departements ?? [],
        themes: n.themes ?? [],
        findings: n.findings,
        ...(worst ? { worst } : {}),
        folded: foldText(n.label),
        group: groups.get(n.id) ?? '',
      } satisfies NodeAttributes,
    };
  });
  const seen = new Set<string>();
  const edges: SerializedGraph['edges'] = [];
  for (const e of view.edges) {
    if (!ids.has(e.source) || !ids.has(e.target) || e.source === e.target || seen.has(e.id)) continue;
    seen.add(e.id);
    edges.push({ key: e.id, source: e.source, target: e.target, attributes: edgeAttributes(e, palette) });
  }
  return { nodes, edges };
}

// ---------------------------------------------------------------------------------------
// Filters

export interface NetworkFilters {
  /** Empty = every kind. */
  kinds: ReadonlySet<MechanismKind>;
  /** Empty = every status. */
  statuses: ReadonlySet<MechanismStatus>;
  /** Empty = no filter; else keep mechanisms with at least one finding of these severities. */
  severities: ReadonlySet<Severity>;
  ghosts: boolean;
  overlaps: boolean;
  people: boolean;
  /** Keep the mechanisms working on this theme. */
  theme?: string;
  /** A place (`type:code`, model/places.ts): keep the mechanisms covering it, once `covering` is known. */
  place?: string;
  /** The mechanisms covering `place` (the API's answer; absent while it loads). */
  covering?: ReadonlySet<string>;
  /** The « géographique » layout: each mechanism at its territory's centre. */
  geographic: boolean;
}

export const DEFAULT_FILTERS: NetworkFilters = {
  kinds: new Set(),
  statuses: new Set(),
  severities: new Set(),
  ghosts: true,
  overlaps: true,
  people: false,
  geographic: false,
};

export function nodeVisible(attrs: Pick<NodeAttributes, 'nodeType' | 'kind' | 'status' | 'findings' | 'themes'>, filters: NetworkFilters, id?: string): boolean {
  if (attrs.nodeType === 'person') return filters.people;
  if (filters.theme !== undefined && !attrs.themes.includes(filters.theme)) return false;
  if (filters.covering && (id === undefined || !filters.covering.has(id))) return false;
  if (filters.kinds.size > 0 && (!attrs.kind || !filters.kinds.has(attrs.kind))) return false;
  if (filters.statuses.size > 0 && (!attrs.status || !filters.statuses.has(attrs.status))) return false;
  if (filters.severities.size > 0 && ![...filters.severities].some((s) => attrs.findings[s] > 0)) return false;
  return true;
}

export function edgeVisible(attrs: Pick<EdgeAttributes, 'edgeType' | 'severity'>, filters: NetworkFilters): boolean {
  if (attrs.edgeType === 'ghost' && !filters.ghosts) return false;
  if (attrs.edgeType === 'overlap' && !filters.overlaps) return false;
  if (attrs.edgeType === 'coordination' && !filters.people) return false;
  if ((attrs.edgeType === 'ghost' || attrs.edgeType === 'overlap') && filters.severities.size > 0) {
    return attrs.severity !== undefined && filters.severities.has(attrs.severity);
  }
  return true;
}

/** Minimal read access to a graph, satisfied by graphology. */
export interface GraphLike {
  forEachNode(cb: (node: string, attrs: NodeAttributes) => void): void;
  forEachEdge(cb: (edge: string, attrs: EdgeAttributes, source: string, target: string) => void): void;
}

export interface Visibility {
  hiddenNodes: Set<string>;
  hiddenEdges: Set<string>;
  visibleNodes: number;
  visibleEdges: number;
  /**
   * Edge labels when several visible edges join the same two nodes: the first carries them all
   * ("Avis … · Contribution …"), the others none, so that labels never print over each other.
   */
  pairLabels: Map<string, string>;
}

/** Precomputed hidden sets for the reducers (recomputed only when the filters change). */
export function computeVisibility(graph: GraphLike, filters: NetworkFilters): Visibility {
  const hiddenNodes = new Set<string>();
  const hiddenEdges = new Set<string>();
  let visibleNodes = 0;
  let visibleEdges = 0;
  graph.forEachNode((node, attrs) => {
    if (nodeVisible(attrs, filters, node)) visibleNodes++;
    else hiddenNodes.add(node);
  });
  const pairs = new Map<string, { first: string; labels: string[] }>();
  const pairLabels = new Map<string, string>();
  graph.forEachEdge((edge, attrs, source, target) => {
    if (hiddenNodes.has(source) || hiddenNodes.has(target) || !edgeVisible(attrs, filters)) {
      hiddenEdges.add(edge);
      return;
    }
    visibleEdges++;
    const key = source < target ? `${source}\u0000${target}` : `${target}\u0000${source}`;
    const pair = pairs.get(key);
    if (!pair) {
      pairs.set(key, { first: edge, labels: [attrs.label] });
      pairLabels.set(edge, attrs.label);
    } else {
      if (!pair.labels.includes(attrs.label)) pair.labels.push(attrs.label);
      pairLabels.set(pair.first, pair.labels.join(' · '));
      pairLabels.set(edge, '');
    }
  });
  return { hiddenNodes, hiddenEdges, visibleNodes, visibleEdges, pairLabels };
}

export function filtersFromParams(params: Readonly<Record<string, string>>): NetworkFilters {
  const list = <T extends string>(key: string, known: readonly T[]) =>
    new Set((params[key] ?? '').split(',').filter((x): x is T => (known as readonly string[]).includes(x)));
  const flag = (key: string, fallback: boolean) => (params[key] === undefined ? fallback : params[key] === '1');
  return {
    kinds: list('types', MECHANISM_KINDS),
    statuses: list('statuts', MECHANISM_STATUSES),
    severities: list('gravite', SEVERITIES),
    ghosts: flag('manquants', DEFAULT_FILTERS.ghosts),
    overlaps: flag('chevauchements', DEFAULT_FILTERS.overlaps),
    people: flag('personnes', DEFAULT_FILTERS.people),
    ...(params.theme ? { theme: params.theme } : {}),
    ...(params.lieu ? { place: params.lieu } : {}),
    geographic: params.disposition === 'geo',
  };
}

export function filtersToParams(filters: NetworkFilters): Record<string, string | null> {
  const list = (set: ReadonlySet<string>, order: readonly string[]) => order.filter((x) => set.has(x)).join(',') || null;
  return {
    types: list(filters.kinds, MECHANISM_KINDS),
    statuts: list(filters.statuses, MECHANISM_STATUSES),
    gravite: list(filters.severities, SEVERITIES),
    manquants: filters.ghosts === DEFAULT_FILTERS.ghosts ? null : filters.ghosts ? '1' : '0',
    chevauchements: filters.overlaps === DEFAULT_FILTERS.overlaps ? null : filters.overlaps ? '1' : '0',
    personnes: filters.people === DEFAULT_FILTERS.people ? null : filters.people ? '1' : '0',
    theme: filters.theme ?? null,
    lieu: filters.place ?? null,
    disposition: filters.geographic ? 'geo' : null,
  };
}

// ---------------------------------------------------------------------------------------
// Search

export interface SearchHit {
  id: string;
  label: string;
  score: number;
}

/** Accent- and case-insensitive search on labels and ids: exact, prefix, word start, substring. */
export function searchNodes(entries: Iterable<{ id: string; label: string; folded?: string }>, query: string, limit = 8): SearchHit[] {
  const q = foldText(query);
  if (!q) return [];
  const hits: SearchHit[] = [];
  for (const e of entries) {
    const f = e.folded ?? foldText(e.label);
    let score: number;
    if (f === q || e.id === query.trim()) score = 0;
    else if (f.startsWith(q)) score = 1;
    else if (f.includes(` ${q}`)) score = 2;
    else if (f.includes(q)) score = 3;
    else if (foldText(e.id).includes(q)) score = 4;
    else continue;
    hits.push({ id: e.id, label: e.label, score });
  }
  hits.sort((a, b) => a.score - b.score || a.label.localeCompare(b.label, 'fr'));
  return hits.slice(0, limit);
}

/** Counts per kind of the visible mechanisms, for the legend. */
export function kindCounts(nodes: readonly Pick<GraphNode, 'type' | 'kind'>[]): Record<MechanismKind, number> {
  const out = Object.fromEntries(MECHANISM_KINDS.map((k) => [k, 0])) as Record<MechanismKind, number>;
  for (const n of nodes) if (n.type === 'mechanism' && n.kind) out[n.kind]++;
  return out;
}

export { layoutIterations } from './layout-params.ts';
