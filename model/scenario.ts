// Scenarios: a named set of proposed changes on top of the current data (create, change or end
// mechanisms — a planned adoption or end is a future `statusHistory` entry —, add or remove links
// and coordinators), and what they would do. Pure: `overlay` gives the dataset a scenario would
// make, `compareScenario` what changes between two states at a date, through the same rule
// engine, indicators and coverage as every other view (nothing is computed a second way).
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
 * update or delete applies only while the record is still at that version (see the store). A
 * deletion keeps the record as it was (`before`), to be named in words.
 */
export type ScenarioChange =
  | { op: 'create'; kind: RecordKind; id: string; data: Record<string, unknown> }
  | { op: 'update'; kind: RecordKind; id: string; baseVersion: number; data: Record<string, unknown> }
  | { op: 'delete'; kind: RecordKind; id: string; baseVersion: number; before?: Record<string, unknown> };

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

/**
 * One state to compare: its model and its findings at the date (the caller's, often cached), and
 * optionally a memo where the figures derived from it are kept (its indicators, the avis it
 * expects, its coverage), so that comparing several scenarios with the same state computes them once.
 */
export interface ComparedState {
  model: ArticulationModel;
  findings: readonly FindingRecord[];
  memo?: Map<string, unknown>;
  /** The model's view at a date, when the caller keeps one (the rules' run made it: coverage and avis checklists are reused). */
  contextAt?: (asOf: string) => RuleContext;
}

/** A figure of a state, from its memo when it has one. */
function memoised<T>(state: ComparedState, key: string, compute: () => T): T {
  if (!state.memo) return compute();
  if (!state.memo.has(key)) state.memo.set(key, compute());
  return state.memo.get(key) as T;
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
  const query = JSON.stringify([asOf, options.level ?? 'departement', options.departements ?? [], options.regions ?? []]);
  const figures = (state: ComparedState) =>
    memoised(state, query, () => {
      // One view of the model at the date for the avis and the coverage (the indicators hold their own).
      const ctx = state.contextAt?.(asOf) ?? new RuleContext(state.model, asOf, DEFAULT_SETTINGS);
      const indicators = computeIndicators(state.model, { asOf, level: options.level ?? 'departement', departements: options.departements, regions: options.regions, series: false, uncoveredLimit: 0, context: ctx });
      return { indicators, avis: expectedAvis(ctx, territory), coverage: COVERAGE_KINDS.map((kind) => ctx.coverage(kind)) };
    });
  const was = figures(before);
  const is = figures(after);
  const afterByCode = new Map(is.indicators.areas.map((area) => [area.code, area]));
  const indicators: IndicatorComparison[] = [{ before: was.indicators.france, after: is.indicators.france }];
  for (const area of was.indicators.areas) {
    const next = afterByCode.get(area.code);
    if (next) indicators.push({ before: area, after: next });
  }
  return {
    asOf,
    findings: compareFindings(before.findings.filter(inTerritory), after.findings.filter(inTerritory)),
    indicators,
    avisExpected: [...is.avis].filter(([key]) => !was.avis.has(key)).map(([, row]) => row),
    coverage: changedCommunes(before.model, was.coverage, is.coverage, territory),
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

/** The avis the checklists of a state expect (due, late, missing or awaited), by PTSM, CLSM and stage. */
function expectedAvis(ctx: RuleContext, territory: ReadonlySet<string> | undefined): Map<string, ScenarioComparison['avisExpected'][number]> {
  const out = new Map<string, ScenarioComparison['avisExpected'][number]>();
  for (const ptsm of ctx.avisPtsms()) {
    if (territory && !ptsm.departements.some((d) => territory.has(d))) continue;
    for (const row of ctx.avis(ptsm).rows) {
      for (const status of Object.values(row.stages)) {
        if (status.state === 'not-required') continue;
        out.set(`${ptsm.mechanism.id}|${row.clsm.id}|${status.stage}`, { ptsm: ptsm.mechanism.id, ptsmName: ptsm.mechanism.name, clsm: row.clsm.id, clsmName: row.clsm.name, stage: status.stage });
      }
    }
  }
  return out;
}

/** Communes where an active CLSM, CLS, CPTS or PTSM starts or stops covering, most populated first. */
export function coverageChanges(before: ArticulationModel, after: ArticulationModel, asOf: string, territory?: ReadonlySet<string>): CoverageChange[] {
  const was = new RuleContext(before, asOf, DEFAULT_SETTINGS);
  const is = new RuleContext(after, asOf, DEFAULT_SETTINGS);
  return changedCommunes(before, COVERAGE_KINDS.map((kind) => was.coverage(kind)), COVERAGE_KINDS.map((kind) => is.coverage(kind)), territory);
}

/** The communes whose coverage differs between two sets of coverage flags (one per kind of COVERAGE_KINDS). */
function changedCommunes(model: ArticulationModel, was: readonly Uint8Array[], is: readonly Uint8Array[], territory: ReadonlySet<string> | undefined): CoverageChange[] {
  const t = model.territories;
  const changes = new Map<number, CoverageChange>();
  COVERAGE_KINDS.forEach((kind, k) => {
    const a = was[k];
    const b = is[k];
    for (let c = 0; c < a.length; c++) {
      if (a[c] === b[c]) continue;
      const departement = t.departementOf[c];
      if (territory && !territory.has(departement)) continue;
      let change = changes.get(c);
      if (!change) changes.set(c, (change = { code: t.codes[c], name: t.names[c], departement, population: t.population[c], gained: [], lost: [] }));
      (b[c] ? change.gained : change.lost).push(kind);
    }
  });
  return [...changes.values()].sort((x, y) => y.population - x.population || (x.code < y.code ? -1 : 1));
}

function departementFilter(model: ArticulationModel, options: CompareOptions): Set<string> | undefined {
  if (!options.departements?.length && !options.regions?.length) return undefined;
  const out = new Set(options.departements ?? []);
  for (const r of options.regions ?? []) for (const d of model.territories.departementsOfRegion(r)) out.add(d);
  return out;
}
