// How cytoscape draws the département diagram, from the palette (DSFR colours resolved to hex).
import type cytoscape from 'cytoscape';
import type { Palette } from '../lib/colors.ts';
import { NODE_H, NODE_W } from '../lib/diagram.ts';

const FONT = 'Marianne, Arial, sans-serif';

export function diagramStyle(p: Palette): cytoscape.StylesheetJson {
  return [
    {
      selector: 'node.territory',
      style: {
        shape: 'round-rectangle',
        'background-color': p.misc.compoundEpci,
        'border-color': p.misc.border,
        'border-width': 1,
        label: 'data(label)',
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': 22,
        'font-family': FONT,
        'font-size': 13,
        'font-weight': 'bold',
        color: p.misc.text,
        padding: '22px',
      },
    },
    { selector: 'node.departement', style: { 'background-color': p.misc.compoundDepartement, 'border-color': p.misc.focus, 'border-width': 2, 'font-size': 18, color: p.misc.focus } },
    { selector: 'node.commune', style: { 'background-color': p.misc.compoundCommune, 'border-style': 'dashed', 'font-size': 12, 'font-weight': 'normal' } },
    { selector: 'node.group', style: { 'background-color': p.misc.compoundCommune, 'border-style': 'dotted', 'font-size': 12, 'font-weight': 'normal' } },
    {
      selector: 'node.mechanism',
      style: {
        shape: 'round-rectangle',
        width: NODE_W,
        height: NODE_H,
        'background-color': 'data(color)',
        label: 'data(label)',
        color: 'data(textColor)',
        'text-wrap': 'wrap',
        'text-max-width': `${NODE_W - 16}px`,
        'text-valign': 'center',
        'text-halign': 'center',
        'font-family': FONT,
        'font-size': 12,
        'font-weight': 'bold',
        'border-width': 0,
      },
    },
    { selector: 'node.kind-PTSM', style: { 'border-width': 3, 'border-color': p.misc.textStrong } },
    { selector: 'node.inactive', style: { 'border-width': 2, 'border-style': 'dashed', 'border-color': p.misc.mention } },
    { selector: 'node.mechanism:selected, node.mechanism.selected', style: { 'border-width': 4, 'border-color': p.misc.focus, 'underlay-color': p.misc.focus, 'underlay-opacity': 0.15, 'underlay-padding': 6 } },
    {
      selector: 'edge',
      style: {
        width: 2,
        'line-color': 'data(color)',
        'target-arrow-color': 'data(color)',
        'target-arrow-shape': 'triangle',
        'curve-style': 'bezier',
        label: 'data(label)',
        'font-family': FONT,
        'font-size': 10,
        color: p.misc.text,
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.85,
        'text-background-padding': '2px',
        'text-rotation': 'autorotate',
        // Edge labels appear when zoomed in enough to read them.
        'min-zoomed-font-size': 8,
      },
    },
    { selector: 'edge.avis-missing', style: { width: 3, 'line-style': 'dashed' } },
    { selector: 'edge.avis-late', style: { width: 3 } },
    { selector: 'edge.avis-awaited', style: { 'line-style': 'dotted' } },
    { selector: 'edge.cls-clsm', style: { 'target-arrow-shape': 'none', width: 3 } },
    { selector: 'edge.ghost', style: { 'line-style': 'dashed', width: 2 } },
    { selector: 'edge.other-link', style: { width: 1, 'font-size': 9, 'line-opacity': 0.6 } },
    { selector: 'edge.faded, node.faded', style: { opacity: 0.25 } },
  ] as cytoscape.StylesheetJson;
}
