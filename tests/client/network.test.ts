import { MultiDirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { resolvePalette } from '../../client/src/lib/colors.ts';
import {
  computeVisibility,
  DEFAULT_FILTERS,
  edgeVisible,
  filtersFromParams,
  filtersToParams,
  initialPositions,
  kindCounts,
  layoutIterations,
  nodeSize,
  nodeVisible,
  searchNodes,
  toSerializedGraph,
  type EdgeAttributes,
  type NetworkFilters,
  type NodeAttributes,
} from '../../client/src/lib/network.ts';
import { VIEW } from './fixtures.ts';

const palette = resolvePalette();

function graphOf(view = VIEW) {
  const g = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>();
  g.import(toSerializedGraph(view, palette) as never);
  return g;
}

describe('GraphView → sigma attributes', () => {
  it('keeps every node, drops edges whose ends are missing', () => {
    const s = toSerializedGraph(VIEW, palette);
    expect(s.nodes.map((n) => n.key)).toEqual(VIEW.nodes.map((n) => n.id));
    expect(s.edges.map((e) => e.key)).not.toContain('dangling');
    expect(s.edges).toHaveLength(VIEW.edges.length - 1);
  });

  it('colours mechanisms by kind (DSFR tokens), inactive ones paler, people grey', () => {
    const s = toSerializedGraph(VIEW, palette);
    const byId = new Map(s.nodes.map((n) => [n.key, n.attributes]));
    expect(byId.get('ptsm-79')!.color).toBe('#000091');
    expect(byId.get('clsm-niort')!.color).toBe(palette.kind.CLSM);
    expect(byId.get('cls-niort')!.color).toBe(palette.kind.CLS);
    expect(byId.get('cls-old')!.color).not.toBe(palette.kind.CLS);
    expect(byId.get('coord-1')!.color).toBe(palette.misc.person);
    expect(byId.get('ptsm-79')!.worst).toBe('error');
    expect(byId.get('clsm-niort')!.worst).toBeUndefined();
  });

  it('sizes by population covered, monotonic and bounded', () => {
    expect(nodeSize(0)).toBe(4);
    expect(nodeSize(60_000)).toBeLessThan(nodeSize(375_000));
    expect(nodeSize(100_000_000)).toBe(24);
    expect(nodeSize(1_000, 'person')).toBe(3);
  });

  it('draws declared links as arrows coloured by kind, ghosts dashed, overlaps as lines', () => {
    const s = toSerializedGraph(VIEW, palette);
    const byId = new Map(s.edges.map((e) => [e.key, e.attributes]));
    const avis = byId.get('avis--clsm-niort--ptsm-79--projet')!;
    expect(avis).toMatchObject({ edgeType: 'link', type: 'arrow', color: palette.link.avis, kind: 'avis' });
    expect(avis.label).toContain('Avis sur le PTSM');
    const ghost = byId.get('ghost--ptsm-avis-missing:clsm-bressuire+ptsm-79')!;
    expect(ghost).toMatchObject({ edgeType: 'ghost', type: 'dashed', severity: 'error', stage: 'projet' });
    expect(ghost.label).toMatch(/^Lien manquant/);
    expect(byId.get('overlap--clsm-overlap:clsm-niort+clsm-bressuire')).toMatchObject({ edgeType: 'overlap', type: 'line' });
    expect(avis.weight).toBeGreaterThan(ghost.weight);
  });

  it('lays out deterministically, grouped by département', () => {
    const a = initialPositions(VIEW);
    const b = initialPositions({ nodes: [...VIEW.nodes].reverse(), edges: VIEW.edges });
    for (const [id, p] of a) expect(b.get(id)).toEqual(p);
    const dist = (x: string, y: string) => Math.hypot(a.get(x)!.x - a.get(y)!.x, a.get(x)!.y - a.get(y)!.y);
    // Same département closer than different départements.
    expect(dist('clsm-niort', 'ptsm-79')).toBeLessThan(dist('clsm-niort', 'clsm-poitiers'));
    // A person sits with the mechanism it coordinates.
    expect(dist('coord-1', 'clsm-niort')).toBeLessThan(dist('coord-1', 'clsm-poitiers'));
    // Another seed gives another (but again stable) picture.
    expect(initialPositions(VIEW, { seed: 1 }).get('clsm-niort')).not.toEqual(a.get('clsm-niort'));
  });

  it('counts kinds for the legend and bounds the layout effort', () => {
    expect(kindCounts(VIEW.nodes)).toEqual({ CLSM: 3, CLS: 2, PTSM: 1, CPTS: 1, DAC: 0, ASV: 0 });
    expect(layoutIterations(50)).toBeGreaterThan(layoutIterations(5000));
  });
});

describe('filters', () => {
  const f = (over: Partial<NetworkFilters>): NetworkFilters => ({ ...DEFAULT_FILTERS, ...over });

  it('by kind, status and severity; people hidden by default', () => {
    const g = graphOf();
    const attrs = (id: string) => g.getNodeAttributes(id);
    expect(nodeVisible(attrs('coord-1'), DEFAULT_FILTERS)).toBe(false);
    expect(nodeVisible(attrs('coord-1'), f({ people: true }))).toBe(true);
    expect(nodeVisible(attrs('clsm-niort'), f({ kinds: new Set(['CLS']) }))).toBe(false);
    expect(nodeVisible(attrs('cls-niort'), f({ kinds: new Set(['CLS']) }))).toBe(true);
    expect(nodeVisible(attrs('cls-old'), f({ statuses: new Set(['active']) }))).toBe(false);
    expect(nodeVisible(attrs('ptsm-79'), f({ severities: new Set(['error']) }))).toBe(true);
    expect(nodeVisible(attrs('clsm-niort'), f({ severities: new Set(['error']) }))).toBe(false);
  });

  it('ghost and overlap toggles, and severity on derived edges', () => {
    expect(edgeVisible({ edgeType: 'ghost', severity: 'error' }, f({ ghosts: false }))).toBe(false);
    expect(edgeVisible({ edgeType: 'overlap', severity: 'warning' }, f({ overlaps: false }))).toBe(false);
    expect(edgeVisible({ edgeType: 'overlap', severity: 'warning' }, f({ severities: new Set(['error']) }))).toBe(false);
    expect(edgeVisible({ edgeType: 'link' }, f({ severities: new Set(['error']) }))).toBe(true);
  });

  it('precomputes hidden sets and merges the labels of parallel edges', () => {
    const g = graphOf();
    const all = computeVisibility(g, f({ people: true }));
    expect(all.hiddenNodes.size).toBe(0);
    const onlyCls = computeVisibility(g, f({ kinds: new Set(['CLS']) }));
    expect(onlyCls.hiddenNodes.has('clsm-niort')).toBe(true);
    // Edges to hidden nodes are hidden too.
    expect(onlyCls.hiddenEdges.has('volet--cls-niort--clsm-niort')).toBe(true);
    expect(onlyCls.visibleNodes).toBe(2);
    const labels = [all.pairLabels.get('avis--clsm-niort--ptsm-79--projet'), all.pairLabels.get('contribution--clsm-niort--ptsm-79')];
    expect(labels.filter((l) => l === '')).toHaveLength(1);
    expect(labels.find((l) => l)).toMatch(/Avis.*·.*Contribution/);
  });

  it('round-trips through the URL parameters, defaults omitted', () => {
    const filters = f({ kinds: new Set(['CLS', 'CLSM']), severities: new Set(['warning']), ghosts: false });
    const params = filtersToParams(filters);
    expect(params).toEqual({ types: 'CLSM,CLS', statuts: null, gravite: 'warning', manquants: '0', chevauchements: null, personnes: null, theme: null, lieu: null, disposition: null });
    const clean = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== null)) as Record<string, string>;
    expect(filtersFromParams(clean)).toEqual(filters);
    const geo = f({ theme: 'logement', place: 'code-postal:79400', geographic: true });
    expect(filtersToParams(geo)).toMatchObject({ theme: 'logement', lieu: 'code-postal:79400', disposition: 'geo' });
    expect(filtersFromParams({ theme: 'logement', lieu: 'code-postal:79400', disposition: 'geo' })).toEqual(geo);
  });

  it('by theme, and by the mechanisms covering a place once they are known', () => {
    const g = graphOf();
    const attrs = (id: string) => g.getNodeAttributes(id);
    expect(nodeVisible(attrs('clsm-niort'), f({ theme: 'logement' }), 'clsm-niort')).toBe(true);
    expect(nodeVisible(attrs('cls-niort'), f({ theme: 'logement' }), 'cls-niort')).toBe(false);
    // The place alone filters nothing until its answer is there.
    const visible = (filters: NetworkFilters) => computeVisibility(g, filters).visibleNodes;
    expect(visible(f({ place: 'commune:79191' }))).toBe(visible(DEFAULT_FILTERS));
    const covering = computeVisibility(g, f({ place: 'commune:79191', covering: new Set(['clsm-niort', 'ptsm-79']) }));
    expect(covering.visibleNodes).toBe(2);
    expect(covering.hiddenNodes.has('clsm-poitiers')).toBe(true);
  });
});

describe('search', () => {
  const entries = VIEW.nodes.map((n) => ({ id: n.id, label: n.label }));
  it('ignores accents, case and punctuation', () => {
    expect(searchNodes(entries, 'saint maixent l ecole')[0]?.id).toBe('cpts-saint-maixent');
    expect(searchNodes(entries, 'BOCAGE')[0]?.id).toBe('clsm-bressuire');
    expect(searchNodes(entries, 'deux sevres')[0]?.id).toBe('ptsm-79');
  });
  it('ranks prefixes before substrings, finds ids, limits results', () => {
    const hits = searchNodes(entries, 'clsm');
    expect(hits[0].label.startsWith('CLSM')).toBe(true);
    expect(searchNodes(entries, 'cls-old')[0]?.id).toBe('cls-old');
    expect(searchNodes(entries, 'c', 2)).toHaveLength(2);
    expect(searchNodes(entries, '   ')).toEqual([]);
  });
});
