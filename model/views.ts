// What the network and diagram views draw, derived from the model and its findings:
// mechanism (and optionally people) nodes, declared links, overlap edges (from overlap
// findings) and "ghost" edges for the links the rules say are missing.
import { isActiveAt, statusAt } from './dates.ts';
import type { ArticulationModel } from './graph.ts';
import { findingId } from './rules/engine.ts';
import type { Category, FindingRecord, Severity } from './rules/types.ts';
import type { AvisStage, LinkKind, MechanismKind, MechanismStatus } from './vocabulary.ts';

export type SeverityCounts = Record<Severity, number>;

export interface GraphNode {
  id: string;
  type: 'mechanism' | 'person';
  label: string;
  kind?: MechanismKind;
  status?: MechanismStatus;
  active?: boolean;
  population?: number;
  departements?: readonly string[];
  /** Themes it works on (model/graph.ts, mechanismThemes), for the theme filters. */
  themes?: readonly string[];
  findings: SeverityCounts;
}

export type GraphEdgeType = 'link' | 'overlap' | 'ghost' | 'coordination';

export interface GraphEdge {
  id: string;
  type: GraphEdgeType;
  source: string;
  target: string;
  /** Declared or suggested link kind. */
  kind?: LinkKind;
  stage?: AvisStage;
  date?: string;
  /** Ghost and overlap edges: the finding behind them. */
  finding?: string;
  rule?: string;
  severity?: Severity;
  category?: Category;
  sharedCommunes?: number;
  sharedPopulation?: number;
  fte?: number;
}

export interface GraphView {
  asOf: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface GraphViewOptions {
  asOf: string;
  /** Keep mechanisms touching these départements (régions are expanded by the caller or here). */
  departements?: readonly string[];
  regions?: readonly string[];
  includePeople?: boolean;
}

export function buildGraphView(model: ArticulationModel, findings: readonly FindingRecord[], options: GraphViewOptions): GraphView {
  const scope = new Set(options.departements ?? []);
  for (const r of options.regions ?? []) for (const d of model.territories.departementsOfRegion(r)) scope.add(d);
  const inScope = (departements: readonly string[]) => scope.size === 0 || departements.some((d) => scope.has(d));

  const counts = new Map<string, SeverityCounts>();
  for (const f of findings) {
    for (const s of f.subjects) {
      let c = counts.get(s);
      if (!c) counts.set(s, (c = { error: 0, warning: 0, info: 0 }));
      c[f.severity]++;
    }
  }
  const none = (): SeverityCounts => ({ error: 0, warning: 0, info: 0 });

  const nodes: GraphNode[] = [];
  const ids = new Set<string>();
  for (const e of model.entries) {
    if (!inScope(e.departements)) continue;
    const m = e.mechanism;
    ids.add(m.id);
    nodes.push({
      id: m.id,
      type: 'mechanism',
      label: m.name,
      kind: m.kind,
      // Its status at the reference date (docs/format.md, « Historique des statuts »); none when it did not exist yet.
      status: statusAt(m, options.asOf),
      active: isActiveAt(m, options.asOf),
      population: e.population,
      departements: e.departements,
      themes: model.themes(e),
      findings: counts.get(m.id) ?? none(),
    });
  }

  const edges: GraphEdge[] = [];
  for (const link of model.links) {
    if (!ids.has(link.from) || !ids.has(link.to)) continue;
    edges.push({
      id: link.id,
      type: 'link',
      source: link.from,
      target: link.to,
      kind: link.kind,
      ...(link.stage ? { stage: link.stage } : {}),
      ...(link.date ? { date: link.date } : {}),
    });
  }

  if (options.includePeople) {
    for (const p of model.people.values()) {
      const coordinated = model.graph.outNeighbors(p.id).filter((id) => ids.has(id));
      if (coordinated.length === 0) continue;
      ids.add(p.id);
      nodes.push({ id: p.id, type: 'person', label: p.label, findings: counts.get(p.id) ?? none() });
      model.graph.forEachOutEdge(p.id, (_edge, attrs, _source, target) => {
        if (attrs.type === 'coordination' && ids.has(target)) {
          edges.push({ id: `coordination--${p.id}--${target}`, type: 'coordination', source: p.id, target, ...(attrs.fte !== undefined ? { fte: attrs.fte } : {}) });
        }
      });
    }
  }

  // Several rules may suggest the same missing link: one ghost edge per suggestion, from the
  // first (most severe) finding.
  const suggested = new Set<string>();
  for (const f of findings) {
    if (f.link) {
      const { kind, from, to, stage } = f.link;
      if (!ids.has(from) || !ids.has(to)) continue;
      const key = `${kind}|${from}|${to}|${stage ?? ''}`;
      if (suggested.has(key)) continue;
      suggested.add(key);
      const id = findingId(f);
      edges.push({ id: `ghost--${id}`, type: 'ghost', source: from, target: to, kind, ...(stage ? { stage } : {}), finding: id, rule: f.rule, severity: f.severity, category: f.category });
    } else if (f.category === 'overlap' && f.subjects.length === 2) {
      const [a, b] = f.subjects;
      if (!ids.has(a) || !ids.has(b)) continue;
      const id = findingId(f);
      edges.push({
        id: `overlap--${id}`,
        type: 'overlap',
        source: a,
        target: b,
        finding: id,
        rule: f.rule,
        severity: f.severity,
        category: f.category,
        ...(f.data?.sharedCommunes ? { sharedCommunes: f.data.sharedCommunes.length, sharedPopulation: f.data.sharedPopulation } : {}),
      });
    }
  }
  return { asOf: options.asOf, nodes, edges };
}
