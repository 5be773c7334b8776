// Highlight through sigma reducers: the UI state (hover, selection, filters, search) lives in
// a small typed object, never in the graph. The sets are precomputed when the state changes;
// the reducers only look them up and edit the display copy sigma hands them (sigma already
// copies the attributes before calling a reducer, so nothing is cloned here).
import type { EdgeAttributes, NodeAttributes, Visibility } from './network.ts';

export interface HighlightState {
  hovered: string | null;
  selected: string | null;
  /** The focused node (hovered, else selected) and its neighbours. */
  focus: string | null;
  neighbours: ReadonlySet<string>;
  visibility: Visibility;
}

export interface NeighbourSource {
  hasNode(node: string): boolean;
  forEachNeighbor(node: string, cb: (neighbour: string) => void): void;
}

export const EMPTY_VISIBILITY: Visibility = { hiddenNodes: new Set(), hiddenEdges: new Set(), visibleNodes: 0, visibleEdges: 0, pairLabels: new Map() };

/** The state after a hover or selection change: the focused node and its (visible) neighbours. */
export function computeHighlight(graph: NeighbourSource, hovered: string | null, selected: string | null, visibility: Visibility): HighlightState {
  const focusCandidate = hovered ?? selected;
  const focus = focusCandidate && graph.hasNode(focusCandidate) && !visibility.hiddenNodes.has(focusCandidate) ? focusCandidate : null;
  const neighbours = new Set<string>();
  if (focus) {
    neighbours.add(focus);
    graph.forEachNeighbor(focus, (n) => {
      if (!visibility.hiddenNodes.has(n)) neighbours.add(n);
    });
  }
  return { hovered, selected, focus, neighbours, visibility };
}

export interface ReducerColours {
  /** Colour of nodes outside the focus (opaque, for WebGL picking). */
  dimmedNode: string;
  /** Colour of edges outside the focus. */
  dimmedEdge: string;
  /** Border/highlight colour of the selected node's label. */
  selected: string;
}

type NodeDisplay = Partial<NodeAttributes> & { hidden?: boolean; highlighted?: boolean; forceLabel?: boolean; zIndex?: number; label?: string | null; color?: string };
type EdgeDisplay = Partial<EdgeAttributes> & { hidden?: boolean; forceLabel?: boolean; zIndex?: number; label?: string | null; color?: string; size?: number };

export function createNodeReducer(getState: () => HighlightState, colours: ReducerColours) {
  return (node: string, data: NodeDisplay): NodeDisplay => {
    const s = getState();
    if (s.visibility.hiddenNodes.has(node)) {
      data.hidden = true;
      return data;
    }
    if (s.focus) {
      if (s.neighbours.has(node)) {
        data.forceLabel = true;
        data.zIndex = 1;
        if (node === s.focus) data.highlighted = true;
      } else {
        data.color = colours.dimmedNode;
        data.label = '';
        data.zIndex = 0;
      }
    }
    if (node === s.selected) {
      data.highlighted = true;
      data.forceLabel = true;
      data.zIndex = 2;
    }
    return data;
  };
}

export function createEdgeReducer(getState: () => HighlightState, colours: ReducerColours, ends: (edge: string) => [string, string]) {
  return (edge: string, data: EdgeDisplay): EdgeDisplay => {
    const s = getState();
    if (s.visibility.hiddenEdges.has(edge)) {
      data.hidden = true;
      return data;
    }
    if (s.focus) {
      const [source, target] = ends(edge);
      if (source === s.focus || target === s.focus) {
        const label = s.visibility.pairLabels.get(edge);
        if (label !== undefined) data.label = label;
        data.forceLabel = true;
        data.zIndex = 1;
        data.size = (data.size ?? 1) * 1.5;
      } else {
        data.color = colours.dimmedEdge;
        data.label = '';
        data.zIndex = 0;
      }
    } else {
      // Edge labels only around the focus or the selection.
      data.label = '';
    }
    return data;
  };
}
