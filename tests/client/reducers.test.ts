import { MultiDirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { resolvePalette } from '../../client/src/lib/colors.ts';
import { computeVisibility, DEFAULT_FILTERS, toSerializedGraph, type EdgeAttributes, type NodeAttributes } from '../../client/src/lib/network.ts';
import { computeHighlight, createEdgeReducer, createNodeReducer, EMPTY_VISIBILITY, type HighlightState } from '../../client/src/lib/reducers.ts';
import { VIEW } from './fixtures.ts';

const palette = resolvePalette();
const colours = { dimmedNode: '#eeeeee', dimmedEdge: '#eeeeee', selected: '#000091' };

function setup() {
  const g = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>();
  g.import(toSerializedGraph(VIEW, palette) as never);
  let state: HighlightState = computeHighlight(g, null, null, computeVisibility(g, DEFAULT_FILTERS));
  const nodeReducer = createNodeReducer(() => state, colours);
  const edgeReducer = createEdgeReducer(() => state, colours, (e) => g.extremities(e) as [string, string]);
  // What sigma does: a shallow copy of the attributes, then the reducer.
  const node = (id: string) => nodeReducer(id, { ...g.getNodeAttributes(id) });
  const edge = (id: string) => edgeReducer(id, { ...g.getEdgeAttributes(id) });
  return { g, node, edge, set: (s: HighlightState) => (state = s) };
}

describe('highlight state', () => {
  it('focuses the hovered node, else the selected one, with its visible neighbours', () => {
    const { g } = setup();
    const vis = computeVisibility(g, DEFAULT_FILTERS);
    const hovered = computeHighlight(g, 'clsm-niort', 'ptsm-79', vis);
    expect(hovered.focus).toBe('clsm-niort');
    expect([...hovered.neighbours].sort()).toEqual(['cls-niort', 'clsm-bressuire', 'clsm-niort', 'ptsm-79']); // coord-1 is hidden
    const selected = computeHighlight(g, null, 'ptsm-79', vis);
    expect(selected.focus).toBe('ptsm-79');
    expect(computeHighlight(g, 'inconnu', null, vis).focus).toBeNull();
    expect(computeHighlight(g, 'coord-1', null, vis).focus).toBeNull();
    expect(computeHighlight(g, null, null, EMPTY_VISIBILITY).neighbours.size).toBe(0);
  });
});

describe('reducers', () => {
  it('hide filtered nodes and edges', () => {
    const { node, edge } = setup();
    expect(node('coord-1').hidden).toBe(true);
    expect(edge('coordination--c1').hidden).toBe(true);
    expect(node('clsm-niort').hidden).toBeUndefined();
  });

  it('dim what is outside the focus, label the neighbourhood, highlight the focus', () => {
    const { g, node, edge, set } = setup();
    set(computeHighlight(g, 'clsm-niort', null, computeVisibility(g, DEFAULT_FILTERS)));
    expect(node('clsm-niort')).toMatchObject({ highlighted: true, forceLabel: true });
    expect(node('ptsm-79')).toMatchObject({ forceLabel: true });
    expect(node('ptsm-79').color).toBe(palette.kind.PTSM);
    expect(node('clsm-poitiers')).toMatchObject({ color: colours.dimmedNode, label: '' });
    expect(edge('volet--cls-niort--clsm-niort').forceLabel).toBe(true);
    expect(edge('ghost--ptsm-avis-missing:clsm-bressuire+ptsm-79')).toMatchObject({ color: colours.dimmedEdge, label: '' });
  });

  it('show edge labels only around the focus', () => {
    const { edge } = setup();
    expect(edge('volet--cls-niort--clsm-niort').label).toBe('');
  });

  it('keep the selected node emphasised while another is hovered', () => {
    const { g, node, set } = setup();
    set(computeHighlight(g, 'cls-niort', 'ptsm-79', computeVisibility(g, DEFAULT_FILTERS)));
    expect(node('ptsm-79')).toMatchObject({ highlighted: true, forceLabel: true, zIndex: 2 });
  });

  it('never write UI state into the graph', () => {
    const { g, node, edge, set } = setup();
    const before = JSON.stringify(g.export());
    set(computeHighlight(g, 'clsm-niort', 'ptsm-79', computeVisibility(g, DEFAULT_FILTERS)));
    for (const id of g.nodes()) node(id);
    for (const id of g.edges()) edge(id);
    expect(JSON.stringify(g.export())).toBe(before);
  });
});
