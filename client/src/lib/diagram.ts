// The département diagram as cytoscape elements (pure): the département holds the PTSM and the
// département-wide mechanisms, EPCI compounds hold their communes' compounds and mechanisms;
// avis edges are coloured by state (received, missing, late, awaited); CLS–CLSM links drawn,
// declared or missing. Positions are computed here (nested shelf packing), so the picture is
// the same on every load and needs no layout engine.
import type { AvisChecklist } from '../../../model/avis.ts';
import type { Mechanism } from '../../../model/schema.ts';
import { AVIS_STAGES, AVIS_STATE_LABELS, LINK_KIND_LABELS, MECHANISM_STATUS_LABELS, type AvisStage, type AvisState, type MechanismKind, type TerritoryType } from '../../../model/vocabulary.ts';
import type { GraphView } from '../../../model/views.ts';
import { foldText } from '../../../model/text.ts';
import { contrastRatio, lighten, type Palette } from './colors.ts';

export interface TerritoryInfo {
  code: string;
  name: string;
  type: TerritoryType;
  /** Member commune codes (EPCI), or the commune itself. */
  communes: string[];
}

export interface DiagramInput {
  departement: { code: string; name: string };
  graph: GraphView;
  /** Declared territories of the mechanisms (records from /api/mechanisms). */
  mechanisms: ReadonlyMap<string, Mechanism>;
  territories: ReadonlyMap<string, TerritoryInfo>;
  checklists: readonly AvisChecklist[];
  /** Keep mechanisms that are not active at the date (PTSM in preparation are always kept). */
  includeInactive?: boolean;
  /** Draw the other declared links (contribution, prise en compte…) too. */
  otherLinks?: boolean;
}

export interface ElementDefinition {
  group: 'nodes' | 'edges';
  data: Record<string, string | number | boolean | undefined> & { id: string };
  position?: { x: number; y: number };
  classes?: string;
}

export interface AvisEdgeSummary {
  clsm: string;
  clsmName: string;
  ptsm: string;
  ptsmName: string;
  stage: AvisStage;
  state: AvisState;
}

export interface Diagram {
  elements: ElementDefinition[];
  avis: AvisEdgeSummary[];
  clsClsm: { cls: string; clsm: string; declared: boolean; label: string }[];
  counts: { mechanisms: number; territories: number; avis: Record<AvisState, number> };
}

export const NODE_W = 170;
export const NODE_H = 54;
const GAP = 26;
const PAD = 22;
const LABEL_H = 26;
const MAX_ROW: Record<string, number> = { departement: 1700, epci: 600, commune: 400, group: 400 };

interface Box {
  id: string;
  kind: 'leaf' | 'compound';
  level: 'departement' | 'epci' | 'commune' | 'group' | 'mechanism';
  children: Box[];
  w: number;
  h: number;
  /** Top-left, relative to the parent's content origin. */
  x: number;
  y: number;
  order: string;
}

/** Lay out a tree of boxes: rows of children inside each compound (shelf packing). */
function pack(box: Box): void {
  if (box.kind === 'leaf') {
    box.w = NODE_W;
    box.h = NODE_H;
    return;
  }
  for (const c of box.children) pack(c);
  box.children.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
  const maxRow = MAX_ROW[box.level] ?? 600;
  let x = 0;
  let y = 0;
  let rowH = 0;
  let width = 0;
  for (const c of box.children) {
    if (x > 0 && x + c.w > maxRow) {
      y += rowH + GAP;
      x = 0;
      rowH = 0;
    }
    c.x = x;
    c.y = y;
    x += c.w + GAP;
    rowH = Math.max(rowH, c.h);
    width = Math.max(width, x - GAP);
  }
  box.w = Math.max(width, NODE_W) + 2 * PAD;
  box.h = y + rowH + 2 * PAD + LABEL_H;
}

/** Absolute centres of the leaves. */
function place(box: Box, originX: number, originY: number, out: Map<string, { x: number; y: number }>): void {
  const left = originX + box.x;
  const top = originY + box.y;
  if (box.kind === 'leaf') {
    out.set(box.id, { x: left + NODE_W / 2, y: top + NODE_H / 2 });
    return;
  }
  for (const c of box.children) place(c, left + PAD, top + PAD + LABEL_H, out);
}

const KIND_ORDER: Record<MechanismKind, number> = { PTSM: 0, DAC: 1, CLSM: 2, CLS: 3, ASV: 4, CPTS: 5 };

export function buildDiagram(input: DiagramInput, palette: Palette): Diagram {
  const dep = input.departement.code;
  const depId = `dep:${dep}`;
  const nodes = input.graph.nodes.filter((n) => n.type === 'mechanism' && (n.departements ?? []).includes(dep));
  const kept = nodes.filter((n) => input.includeInactive || n.active || (n.kind === 'PTSM' && n.status === 'project'));
  const keptIds = new Set(kept.map((n) => n.id));

  // Home compound of each mechanism.
  const epciOfCommune = new Map<string, string>();
  for (const t of input.territories.values()) if (t.type === 'epci') for (const c of t.communes) if (!epciOfCommune.has(c)) epciOfCommune.set(c, t.code);
  const root: Box = { id: depId, kind: 'compound', level: 'departement', children: [], w: 0, h: 0, x: 0, y: 0, order: '' };
  const compounds = new Map<string, Box>([[depId, root]]);
  const labels = new Map<string, string>([[depId, `${input.departement.name} (${dep})`]]);
  const parentOf = new Map<string, string>();
  const compound = (id: string, level: Box['level'], parent: string, label: string, order: string): string => {
    if (!compounds.has(id)) {
      const box: Box = { id, kind: 'compound', level, children: [], w: 0, h: 0, x: 0, y: 0, order };
      compounds.set(id, box);
      compounds.get(parent)!.children.push(box);
      parentOf.set(id, parent);
      labels.set(id, label);
    }
    return id;
  };
  const epciCompound = (code: string) => compound(`epci:${code}`, 'epci', depId, input.territories.get(code)?.name ?? `EPCI ${code}`, `2-${input.territories.get(code)?.name ?? code}`);
  const communeName = (code: string) => input.territories.get(code)?.name ?? code;

  const homeOf = (id: string): string => {
    const m = input.mechanisms.get(id);
    const t = m?.territory;
    if (!t) return depId;
    const communes = t.communes ?? [];
    const epci = t.epci ?? [];
    if ((t.departements ?? []).length > 0) return depId;
    if (epci.length === 1 && communes.length === 0) return epciCompound(epci[0]);
    if (epci.length === 0 && communes.length > 0) {
      const epcis = new Set(communes.map((c) => epciOfCommune.get(c)));
      const single = epcis.size === 1 ? [...epcis][0] : undefined;
      if (communes.length === 1) {
        const parent = single ? epciCompound(single) : depId;
        return compound(`commune:${communes[0]}`, 'commune', parent, communeName(communes[0]), `1-${communeName(communes[0])}`);
      }
      if (single) return epciCompound(single);
      const names = communes.slice(0, 3).map(communeName).join(', ');
      return compound(`groupe:${id}`, 'group', depId, `${names}${communes.length > 3 ? ` et ${communes.length - 3} autres` : ''}`, `3-${names}`);
    }
    return depId;
  };

  for (const n of kept) {
    const parent = homeOf(n.id);
    parentOf.set(n.id, parent);
    compounds.get(parent)!.children.push({ id: n.id, kind: 'leaf', level: 'mechanism', children: [], w: 0, h: 0, x: 0, y: 0, order: `0-${KIND_ORDER[n.kind ?? 'CPTS']}-${n.label}` });
  }
  pack(root);
  const positions = new Map<string, { x: number; y: number }>();
  place(root, 0, 0, positions);

  const elements: ElementDefinition[] = [];
  for (const [id, box] of compounds) {
    if (box.level !== 'departement' && box.children.length === 0) continue;
    elements.push({ group: 'nodes', data: { id, label: labels.get(id) ?? id, level: box.level, ...(parentOf.has(id) ? { parent: parentOf.get(id) } : {}) }, classes: `territory ${box.level}` });
  }
  for (const n of kept) {
    const color = palette.kind[n.kind ?? 'CPTS'];
    elements.push({
      group: 'nodes',
      data: {
        id: n.id,
        parent: parentOf.get(n.id),
        label: foldText(n.label).includes(foldText(n.kind ?? '')) ? n.label : `${n.kind} · ${n.label}`,
        name: n.label,
        kind: n.kind,
        status: n.status ? MECHANISM_STATUS_LABELS[n.status] : '',
        color: n.active ? color : lighten(color, 0.6),
        textColor: readableText(n.active ? color : lighten(color, 0.6), palette),
        errors: n.findings.error,
      },
      position: positions.get(n.id),
      classes: ['mechanism', `kind-${n.kind}`, n.active ? 'active' : 'inactive'].join(' '),
    });
  }

  // Avis edges, one per required stage.
  const avis: AvisEdgeSummary[] = [];
  const avisCounts = { received: 0, missing: 0, late: 0, awaited: 0, 'not-required': 0 } as Record<AvisState, number>;
  for (const c of input.checklists) {
    if (!keptIds.has(c.ptsm.id)) continue;
    for (const row of c.rows) {
      for (const stage of AVIS_STAGES) {
        const s = row.stages[stage];
        if (s.state === 'not-required') continue;
        avisCounts[s.state]++;
        avis.push({ clsm: row.clsm.id, clsmName: row.clsm.name, ptsm: c.ptsm.id, ptsmName: c.ptsm.name, stage, state: s.state });
        if (!keptIds.has(row.clsm.id)) continue;
        elements.push({
          group: 'edges',
          data: {
            id: `avis:${row.clsm.id}:${c.ptsm.id}:${stage}`,
            source: row.clsm.id,
            target: c.ptsm.id,
            label: `${stage === 'diagnostic' ? 'diag.' : 'projet'} : ${AVIS_STATE_LABELS[s.state].toLowerCase()}`,
            state: s.state,
            color: palette.avis[s.state],
          },
          classes: `avis avis-${s.state}`,
        });
      }
    }
  }

  // CLS–CLSM links, declared and missing; other declared links on demand.
  const clsClsm: Diagram['clsClsm'] = [];
  const kindOf = new Map(kept.map((n) => [n.id, n.kind]));
  for (const e of input.graph.edges) {
    if (!keptIds.has(e.source) || !keptIds.has(e.target)) continue;
    const kinds = new Set([kindOf.get(e.source), kindOf.get(e.target)]);
    const isClsClsm = kinds.has('CLS') && kinds.has('CLSM') && kinds.size === 2;
    if (e.type === 'link' && e.kind === 'avis') continue; // drawn from the checklists
    if (isClsClsm && (e.type === 'link' || e.type === 'ghost')) {
      const declared = e.type === 'link';
      const [cls, clsm] = kindOf.get(e.source) === 'CLS' ? [e.source, e.target] : [e.target, e.source];
      const label = declared ? (e.kind ? LINK_KIND_LABELS[e.kind] : 'Lien') : 'Lien CLS–CLSM manquant';
      clsClsm.push({ cls, clsm, declared, label });
      elements.push({
        group: 'edges',
        data: { id: `cc:${e.id}`, source: e.source, target: e.target, label: declared ? (e.kind === 'volet-sante-mentale' ? 'volet santé mentale' : 'articulation') : 'manquant', color: declared ? palette.link['volet-sante-mentale'] : palette.misc.ghost },
        classes: declared ? 'cls-clsm' : 'cls-clsm ghost',
      });
    } else if (input.otherLinks && e.type === 'link') {
      elements.push({ group: 'edges', data: { id: `l:${e.id}`, source: e.source, target: e.target, label: e.kind ? LINK_KIND_LABELS[e.kind] : '', color: palette.misc.mention }, classes: 'other-link' });
    }
  }

  return {
    elements,
    avis,
    clsClsm,
    counts: { mechanisms: kept.length, territories: [...compounds.values()].filter((b) => b.level !== 'departement' && b.children.length > 0).length, avis: avisCounts },
  };
}

/** Territory codes whose names or members the diagram needs (EPCI and communes of the mechanisms). */
export function territoryCodesFor(mechanisms: Iterable<Mechanism>): { epci: string[]; communes: string[] } {
  const epci = new Set<string>();
  const communes = new Set<string>();
  for (const m of mechanisms) {
    for (const e of m.territory?.epci ?? []) epci.add(e);
    for (const c of m.territory?.communes ?? []) communes.add(c);
  }
  return { epci: [...epci].sort(), communes: [...communes].sort() };
}

/** White or the DSFR strong text colour, whichever reads better on the fill (WCAG AA when possible). */
export function readableText(fill: string, palette: Palette): string {
  return contrastRatio('#ffffff', fill) >= 4.5 ? '#ffffff' : palette.misc.textStrong;
}
