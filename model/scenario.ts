// Scenarios: a named set of proposed changes on top of the current data (create, change or end
// mechanisms — a planned adoption or end is a future `statusHistory` entry —, add or remove links
// and coordinators), and what they would do. Pure: `overlay` gives the dataset a scenario would
// make, `compareScenario` what changes between two states at a date, through the same rule
// engine, indicators and coverage as every other view (nothing is computed a second way).
import { avisChecklist } from './avis.ts';
import type { ArticulationModel } from './graph.ts';
import { computeIndicators, type AreaIndicators } from './indicators.ts';
import { findingId } from './rules/engine.ts';
import { RuleContext } from './rules/context.ts';
import { DEFAULT_SETTINGS, type FindingRecord } from './rules/types.ts';
import type { Dataset, Mechanism, Person, StoredLink } from './schema.ts';
import type { MechanismKind } from './vocabulary.ts';

export const RECORD_KINDS = ['mechanisms', 'people', 'links'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/**
 * One proposed change. `baseVersion` is the version of the record the scenario was made from: an
 * update or delete applies only while the record is still at that version (see the store).
 */
export type ScenarioChange =
  | { op: 'create'; kind: RecordKind; id: string; data: Record<string, unknown> }
  | { op: 'update'; kind: RecordKind; id: string; baseVersion: number; data: Record<string, unknown> }
  | { op: 'delete'; kind: RecordKind; id: string; baseVersion: number };

export type ScenarioDataset = Dataset & { links: StoredLink[] };

/** How messages name each kind of record. */
export const RECORD_LABELS: Record<RecordKind, { the: string; one: string }> = {
  mechanisms: { the: 'le dispositif', one: 'dispositif' },
  people: { the: 'la personne', one: 'personne' },
  links: { the: 'le lien', one: 'lien' },
};

/**
 * The dataset the changes would make, in order. Unchanged records are the same objects as in
 * `dataset` (a caller may share what it derived from them). A created record goes last; deleting a
 * mechanism deletes its links and deleting a person takes them out of the coordinations they hold,
 * as the write path's cascade does.
 */
export function overlay(dataset: ScenarioDataset, changes: readonly ScenarioChange[]): ScenarioDataset {
  if (changes.length === 0) return dataset;
  const lists = {
    mechanisms: new Map<string, unknown>(dataset.mechanisms.map((m) => [m.id, m])),
    people: new Map<string, unknown>(dataset.people.map((p) => [p.id, p])),
    links: new Map<string, unknown>(dataset.links.map((l) => [l.id as string, l])),
  };
  for (const change of changes) {
    const list = lists[change.kind];
    if (change.op === 'delete') {
      list.delete(change.id);
      if (change.kind === 'mechanisms') {
        for (const [id, l] of lists.links) if ((l as StoredLink).from === change.id || (l as StoredLink).to === change.id) lists.links.delete(id);
      } else if (change.kind === 'people') {
        for (const [id, m] of lists.mechanisms) {
          const mechanism = m as Mechanism;
          if (mechanism.coordinators?.some((c) => c.person === change.id)) {
            lists.mechanisms.set(id, { ...mechanism, coordinators: mechanism.coordinators.filter((c) => c.person !== change.id) });
          }
        }
      }
    } else {
      list.set(change.id, { ...change.data, id: change.id });
    }
  }
  return {
    ...dataset,
    mechanisms: [...lists.mechanisms.values()] as Mechanism[],
    people: [...lists.people.values()] as Person[],
    links: [...lists.links.values()] as StoredLink[],
  };
}

/** One state to compare: its model and its findings at the date (the caller's, often cached). */
export interface ComparedState {
  model: ArticulationModel;
  findings: readonly FindingRecord[];
}

export interface CompareOptions {
  asOf: string;
  /** Territorial filter of the findings, indicators and communes (default: all). */
  departements?: readonly string[];
  regions?: readonly string[];
  level?: 'region' | 'departement';
}

/** A commune whose coverage changes, with the kinds of mechanism that start or stop covering it. */
export interface CoverageChange {
  code: string;
  name: string;
  departement: string;
  population: number;
  gained: MechanismKind[];
  lost: MechanismKind[];
}

export interface FindingComparison {
  resolved: FindingRecord[];
  new: FindingRecord[];
  unchanged: FindingRecord[];
}

export interface IndicatorComparison {
  before: AreaIndicators;
  after: AreaIndicators;
}

export interface ScenarioComparison {
  asOf: string;
  findings: FindingComparison;
  /** France, then each area of the filter (or of the dataset's scope). */
  indicators: IndicatorComparison[];
  /** Avis of CLSMs on PTSMs now expected (due, or awaited for a PTSM in preparation) that were not before. */
  avisExpected: { ptsm: string; ptsmName: string; clsm: string; clsmName: string; stage: string }[];
  coverage: CoverageChange[];
}

const COVERAGE_KINDS: readonly MechanismKind[] = ['CLSM', 'CLS', 'CPTS', 'PTSM'];

/** What changes between two states at a date: findings, indicators, expected avis, coverage by commune. */
export function compareScenario(before: ComparedState, after: ComparedState, options: CompareOptions): ScenarioComparison {
  const { asOf } = options;
  const territory = departementFilter(before.model, options);
  const inTerritory = (f: FindingRecord) => !territory || f.departements.some((d) => territory.has(d));
  return {
    asOf,
    findings: compareFindings(before.findings.filter(inTerritory), after.findings.filter(inTerritory)),
    indicators: compareIndicators(before.model, after.model, options),
    avisExpected: newlyExpectedAvis(before.model, after.model, asOf, territory),
    coverage: coverageChanges(before.model, after.model, asOf, territory),
  };
}

/** Findings by their stable id (rule and subjects): gone, appeared, still there (as after). */
export function compareFindings(before: readonly FindingRecord[], after: readonly FindingRecord[]): FindingComparison {
  const beforeIds = new Set(before.map(findingId));
  const afterIds = new Set(after.map(findingId));
  return {
    resolved: before.filter((f) => !afterIds.has(findingId(f))),
    new: after.filter((f) => !beforeIds.has(findingId(f))),
    unchanged: after.filter((f) => beforeIds.has(findingId(f))),
  };
}

function compareIndicators(before: ArticulationModel, after: ArticulationModel, options: CompareOptions): IndicatorComparison[] {
  const query = { asOf: options.asOf, level: options.level ?? 'departement', departements: options.departements, regions: options.regions, series: false, uncoveredLimit: 0 } as const;
  const a = computeIndicators(before, query);
  const b = computeIndicators(after, query);
  const afterByCode = new Map(b.areas.map((area) => [area.code, area]));
  const out: IndicatorComparison[] = [{ before: a.france, after: b.france }];
  for (const area of a.areas) {
    const next = afterByCode.get(area.code);
    if (next) out.push({ before: area, after: next });
  }
  return out;
}

/** The avis the checklists expect after and not before (a new CLSM on a PTSM's territory, a PTSM adopted…). */
function newlyExpectedAvis(before: ArticulationModel, after: ArticulationModel, asOf: string, territory: ReadonlySet<string> | undefined): ScenarioComparison['avisExpected'] {
  const expectedIn = (model: ArticulationModel) => {
    const ctx = new RuleContext(model, asOf, DEFAULT_SETTINGS);
    const out = new Map<string, ScenarioComparison['avisExpected'][number]>();
    for (const ptsm of ctx.avisPtsms()) {
      if (territory && !ptsm.departements.some((d) => territory.has(d))) continue;
      const checklist = avisChecklist(model, ptsm.mechanism.id, asOf);
      for (const row of checklist?.rows ?? []) {
        for (const status of Object.values(row.stages)) {
          if (status.state === 'not-required') continue;
          out.set(`${ptsm.mechanism.id}|${row.clsm.id}|${status.stage}`, { ptsm: ptsm.mechanism.id, ptsmName: ptsm.mechanism.name, clsm: row.clsm.id, clsmName: row.clsm.name, stage: status.stage });
        }
      }
    }
    return out;
  };
  const was = expectedIn(before);
  return [...expectedIn(after)].filter(([key]) => !was.has(key)).map(([, row]) => row);
}

/** Communes where an active CLSM, CLS, CPTS or PTSM starts or stops covering, most populated first. */
export function coverageChanges(before: ArticulationModel, after: ArticulationModel, asOf: string, territory?: ReadonlySet<string>): CoverageChange[] {
  const t = before.territories;
  const was = new RuleContext(before, asOf, DEFAULT_SETTINGS);
  const is = new RuleContext(after, asOf, DEFAULT_SETTINGS);
  const changes = new Map<number, CoverageChange>();
  for (const kind of COVERAGE_KINDS) {
    const a = was.coverage(kind);
    const b = is.coverage(kind);
    for (let c = 0; c < a.length; c++) {
      if (a[c] === b[c]) continue;
      const departement = t.departementOf[c];
      if (territory && !territory.has(departement)) continue;
      let change = changes.get(c);
      if (!change) changes.set(c, (change = { code: t.codes[c], name: t.names[c], departement, population: t.population[c], gained: [], lost: [] }));
      (b[c] ? change.gained : change.lost).push(kind);
    }
  }
  return [...changes.values()].sort((x, y) => y.population - x.population || (x.code < y.code ? -1 : 1));
}

function departementFilter(model: ArticulationModel, options: CompareOptions): Set<string> | undefined {
  if (!options.departements?.length && !options.regions?.length) return undefined;
  const out = new Set(options.departements ?? []);
  for (const r of options.regions ?? []) for (const d of model.territories.departementsOfRegion(r)) out.add(d);
  return out;
}
