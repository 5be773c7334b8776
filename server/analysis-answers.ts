// What the derived views answer (findings, graph, indicators, avis checklist, graph exports),
// computed from one snapshot. Shared by the inline engine and the analysis worker, which run the
// very same code: a request is `{ kind, options }`, its answer a body ready to send.
import { avisChecklist } from '../model/avis.ts';
import { compareScenario, type ScenarioChange, type ScenarioComparison } from '../model/scenario.ts';
import { scenarioReportSection } from '../model/scenario-report.ts';
import { communeCoverage } from '../model/coverage.ts';
import { describePlace, mechanismsCovering, placeCommunes, scopePerimeters } from '../model/places.ts';
import { themeMatrix } from '../model/themes.ts';
import { computeIndicators } from '../model/indicators.ts';
import type { RuleContext } from '../model/rules/context.ts';
import { createContext, evaluateRules, findingId, writeFinding } from '../model/rules/engine.ts';
import type { Category, Finding, FindingRecord, Severity } from '../model/rules/types.ts';
import { CATEGORIES, SEVERITIES } from '../model/rules/types.ts';
import { emptyStateCounts, type FindingState, type StateCounts } from '../model/states/index.ts';
import { buildGraphView } from '../model/views.ts';
import { deadlines } from '../model/echeances.ts';
import { avisChecklistWorkbook, comparisonWorkbook, datasetWorkbook, deadlinesWorkbook, findingsWorkbook, indicatorsWorkbook, uncoveredCommunesWorkbook, type WorkbookSpec } from '../model/workbook/index.ts';
import type * as v from 'valibot';
import { formatDateFr } from '../model/dates.ts';
import { subjectNamer } from '../model/labels.ts';
import { formatDateTimeFr, REPORT_FORMAT } from '../model/report.ts';
import { buildDepartementReport } from '../model/report-build.ts';
import { buildRegionReport } from '../model/report-region.ts';
import { toGexf, toGraphml, withCurrentCommuneCodes } from './export.ts';
import { renderReportPdf } from './report/pdf.ts';
import type { ApiSchemas, PlaceParam } from './schemas.ts';
import type { Snapshot } from './store.ts';
import { scenarioSnapshot } from './store/scenarios.ts';
import { writeWorkbook, type WorkbookFormat } from './workbook/write.ts';

/** Each view's options are its route's validated query, with the date resolved (today by default). */
type Resolved<T> = Omit<T, 'asOf'> & { asOf: string };
export type FindingsOptions = Resolved<v.InferOutput<ApiSchemas['findings']>>;
export type GraphOptions = Resolved<v.InferOutput<ApiSchemas['graph']>>;
/** Passed through to computeIndicators (see `indicators` below): a new query option reaches it as it is. */
export type IndicatorsOptions = Resolved<v.InferOutput<ApiSchemas['indicators']>>;

export type DeadlinesOptions = Resolved<v.InferOutput<ApiSchemas['deadlines']>>;
export type CoverageOptions = Resolved<v.InferOutput<ApiSchemas['coverage']>>;
export type ThemesOptions = Resolved<v.InferOutput<ApiSchemas['themes']>>;
export type PerimetersOptions = v.InferOutput<ApiSchemas['perimeters']>;
/** A place (route parameters) and the query of « which mechanisms cover it ». */
export type PlaceOptions = Resolved<v.InferOutput<ApiSchemas['placeMechanisms']>> & v.InferOutput<typeof PlaceParam>;

export interface AvisOptions {
  id: string;
  asOf: string;
}

export interface GraphExportOptions {
  format: 'gexf' | 'graphml';
  asOf: string;
}

/** A table the product shows (or the whole dataset), as a workbook: written off the event loop too (a national XLSX takes a second). */
export type WorkbookOptions = { format: WorkbookFormat } & (
  | { table: 'dataset' }
  | { table: 'findings'; query: Omit<FindingsOptions, 'limit' | 'offset'> }
  | { table: 'avis'; id: string; asOf: string }
  | { table: 'indicators'; query: IndicatorsOptions }
  | { table: 'uncovered'; query: IndicatorsOptions }
  | { table: 'deadlines'; query: DeadlinesOptions }
  | { table: 'comparison'; query: CompareOptions }
);

/** A scenario's comparison with the current data (its request carries the scenario). */
export interface CompareOptions {
  asOf: string;
  departement?: string[];
  region?: string[];
  /** `findings`, `indicators` or everything (`diff`, with the communes whose coverage changes). */
  part: 'findings' | 'indicators' | 'diff';
  /** Unchanged findings listed (their count is always given). */
  unchangedLimit?: number;
}

/**
 * The scenario a request reads: its state replaces the current one (its changes laid over the
 * current data). `revision` keys the caches; the changes travel with the request (plain data), so
 * the worker needs no read of its own.
 */
export interface ScenarioRef {
  id: number;
  revision: number;
  /** Its name, for the reports that show it. */
  name?: string;
  changes: ScenarioChange[];
}

/** A PDF report of a département or a région; who asks and when are written on its cover. */
export interface ReportOptions {
  level: 'departement' | 'region';
  code: string;
  asOf: string;
  /** ISO date-time with Z or an offset. */
  generatedAt: string;
  /** As the reader's role allows. */
  generatedBy: string;
  /** False: people are pseudonyms (the variant the request reads), said on the cover. */
  personalData: boolean;
}

/** A scenario's comparison alone as a PDF report section, for any territory (France included). */
export interface ScenarioReportOptions {
  asOf: string;
  departement?: string[];
  region?: string[];
  /** The territory in words, for the cover. */
  territory: string;
  /** ISO date-time with Z or an offset. */
  generatedAt: string;
  generatedBy: string;
}

/** One derived view to compute. The options are plain data: they cross to the worker as they are. */
export type AnalysisRequest = (
  | { kind: 'findings'; options: FindingsOptions }
  | { kind: 'graph'; options: GraphOptions }
  | { kind: 'indicators'; options: IndicatorsOptions }
  | { kind: 'avis'; options: AvisOptions }
  | { kind: 'deadlines'; options: DeadlinesOptions }
  | { kind: 'export'; options: GraphExportOptions }
  | { kind: 'workbook'; options: WorkbookOptions }
  | { kind: 'report'; options: ReportOptions }
  | { kind: 'scenarioReport'; options: ScenarioReportOptions }
  | { kind: 'coverage'; options: CoverageOptions }
  | { kind: 'themes'; options: ThemesOptions }
  | { kind: 'perimeters'; options: PerimetersOptions }
  | { kind: 'place'; options: PlaceOptions }
  | { kind: 'compare'; options: CompareOptions }
) & { scenario?: ScenarioRef };

/** A scenario's comparison as the API answers it: findings written in French, indicators before → after, communes. */
export interface ComparisonResponse {
  dataVersion: number;
  asOf: string;
  scenario: number;
  findings?: { counts: { resolved: number; new: number; unchanged: number }; resolved: Finding[]; new: Finding[]; unchanged: Finding[] };
  indicators?: ScenarioComparison['indicators'];
  avisExpected?: ScenarioComparison['avisExpected'];
  coverage?: { count: number; population: number; communes: ScenarioComparison['coverage'] };
}

export interface FindingsResponse {
  dataVersion: number;
  asOf: string;
  total: number;
  offset: number;
  /** `state`: over the filter without its `state` (the other counts and `total`: with it). */
  counts: { severity: Record<Severity, number>; category: Record<Category, number>; rule: Record<string, number>; state: StateCounts };
  findings: Finding[];
}

export interface Answer {
  /** Text (JSON, XML) or bytes (a workbook, a PDF). */
  body: string | Uint8Array;
  contentType: string;
}

/** The full state, or its pseudonymised copy (anonymous visitors, readers). */
export type Variant = 'full' | 'pseudonymised';

const JSON_TYPE = 'application/json; charset=UTF-8';
/** The state of a finding nobody set a state on. */
const TO_DO: FindingState = Object.freeze({ status: 'a-traiter' });
/** Rule runs kept per snapshot (one per date asked). */
const MAX_RUNS = 8;

/** The answers of one snapshot: its model is built once (lazily), the rules run once per date. */
export class SnapshotAnswers {
  /** How many times the rules ran for this snapshot, and how long each run took (milliseconds). */
  ruleRuns = 0;
  readonly ruleDurations: number[] = [];
  private readonly runs = new Map<string, FindingRecord[]>();
  private readonly comparisons = new Map<string, ScenarioComparison>();
  /** Figures of this state that comparisons with it reuse (model/scenario.ts `ComparedState.memo`). */
  private readonly compared = new Map<string, unknown>();
  /** The model's view per date, shared by the rules, the indicators and comparisons (its caches: coverage, avis checklists). */
  private readonly contexts = new Map<string, RuleContext>();

  /** `base`: for a scenario's state, the answers of the current state it is compared with. */
  constructor(
    readonly snap: Snapshot,
    readonly base?: SnapshotAnswers,
    /** For a scenario's state: the scenario's revision it was laid from. */
    readonly revision?: number,
  ) {}

  /** Every finding at a date, as records (texts are written for the findings a response returns). */
  findings(asOf: string): FindingRecord[] {
    let run = this.runs.get(asOf);
    if (run) {
      this.runs.delete(asOf);
    } else {
      this.ruleRuns++;
      const start = performance.now();
      run = evaluateRules(this.snap.model, { asOf, context: this.contextAt(asOf) });
      this.ruleDurations.push(performance.now() - start);
      if (this.runs.size >= MAX_RUNS) this.runs.delete(this.runs.keys().next().value!);
    }
    this.runs.set(asOf, run);
    return run;
  }

  /** The answer; a workbook's or a report's bytes come later (their writers are asynchronous), their data is gathered now. */
  answer(request: AnalysisRequest): Answer | Promise<Answer> {
    const json = (value: unknown): Answer => ({ body: JSON.stringify(value), contentType: JSON_TYPE });
    const dataVersion = this.snap.dataVersion;
    switch (request.kind) {
      case 'findings':
        return json(this.findingsPage(request.options));
      case 'graph': {
        const { asOf, departement, region, people } = request.options;
        const stateOf = this.snap.states.size === 0 ? undefined : (f: FindingRecord) => this.snap.findingState(f).status;
        return json({ dataVersion, ...buildGraphView(this.snap.model, this.findings(asOf), { asOf, departements: departement, regions: region, includePeople: people, stateOf }) });
      }
      case 'indicators':
        return json({ dataVersion, ...indicators(this.snap, request.options) });
      case 'avis': {
        const checklist = avisChecklist(this.snap.model, request.options.id, request.options.asOf);
        return json(checklist ? { dataVersion, ...checklist } : null);
      }
      case 'deadlines':
        return json({ dataVersion, ...this.deadlines(request.options) });
      case 'coverage': {
        const { departement, region, ...rest } = request.options;
        return json({ dataVersion, ...communeCoverage(this.snap.model, { ...rest, departements: departement, regions: region }) });
      }
      case 'themes': {
        const { departement, region, ...rest } = request.options;
        const matrix = themeMatrix(this.snap.model, { ...rest, departements: departement, regions: region });
        return json(matrix ? { dataVersion, ...matrix } : null);
      }
      case 'perimeters':
        return json({ dataVersion, ...scopePerimeters(this.snap.model, { departements: request.options.departement, regions: request.options.region }) });
      case 'place':
        return json(this.place(request.options));
      case 'export': {
        const { format, asOf } = request.options;
        return format === 'gexf'
          ? { body: toGexf(this.snap.model, asOf), contentType: 'application/gexf+xml; charset=UTF-8' }
          : { body: toGraphml(this.snap.model, asOf), contentType: 'application/graphml+xml; charset=UTF-8' };
      }
      case 'workbook':
        return writeWorkbook(this.workbookSpec(request.options), request.options.format);
      case 'report':
        return this.report(request.options, request.scenario);
      case 'scenarioReport':
        return this.scenarioReport(request.options, request.scenario);
      case 'compare':
        return json(this.comparisonResponse(request.options, request.scenario?.id ?? 0));
    }
  }

  /** The model's view at a date (default settings), kept for the few dates asked. */
  contextAt = (asOf: string): RuleContext => {
    let ctx = this.contexts.get(asOf);
    if (!ctx) {
      if (this.contexts.size >= MAX_RUNS) this.contexts.delete(this.contexts.keys().next().value!);
      this.contexts.set(asOf, (ctx = createContext(this.snap.model, { asOf })));
    }
    return ctx;
  };

  /** The comparison of this (scenario) state with its base, memoised per date and territory. */
  comparison(options: Omit<CompareOptions, 'part' | 'unchangedLimit'>): ScenarioComparison {
    const base = this.base;
    if (!base) throw new Error('comparaison demandée hors d’un scénario');
    const key = JSON.stringify([options.asOf, options.departement ?? [], options.region ?? []]);
    let found = this.comparisons.get(key);
    if (!found) {
      if (base.compared.size >= MAX_RUNS) base.compared.clear();
      found = compareScenario(
        { model: base.snap.model, findings: base.findings(options.asOf), memo: base.compared, contextAt: base.contextAt },
        { model: this.snap.model, findings: this.findings(options.asOf), contextAt: this.contextAt },
        { asOf: options.asOf, departements: options.departement, regions: options.region },
      );
      if (this.comparisons.size >= MAX_RUNS) this.comparisons.delete(this.comparisons.keys().next().value!);
      this.comparisons.set(key, found);
    }
    return found;
  }

  private comparisonResponse(options: CompareOptions, scenario: number): ComparisonResponse {
    const compared = this.comparison(options);
    const out: ComparisonResponse = { dataVersion: this.snap.dataVersion, asOf: options.asOf, scenario };
    if (options.part !== 'indicators') {
      const { resolved, new: appeared, unchanged } = compared.findings;
      const before = this.base!.snap.nameOf;
      out.findings = {
        counts: { resolved: resolved.length, new: appeared.length, unchanged: unchanged.length },
        resolved: resolved.map((f) => writeFinding(f, before)),
        new: appeared.map((f) => writeFinding(f, this.snap.nameOf)),
        unchanged: unchanged.slice(0, options.unchangedLimit ?? 100).map((f) => writeFinding(f, this.snap.nameOf)),
      };
    }
    if (options.part !== 'findings') {
      out.indicators = compared.indicators;
      out.avisExpected = compared.avisExpected;
    }
    if (options.part === 'diff') {
      let population = 0;
      for (const c of compared.coverage) population += c.population;
      out.coverage = { count: compared.coverage.length, population, communes: compared.coverage };
    }
    return out;
  }

  /** The report built from this snapshot's model and findings (the API's at that date), then drawn as a PDF. */
  private async report(options: ReportOptions, scenario?: ScenarioRef): Promise<Answer> {
    const { snap } = this;
    const input = {
      model: snap.model,
      code: options.code,
      asOf: options.asOf,
      findings: this.findings(options.asOf),
      stateOf: snap.states.size === 0 ? undefined : snap.findingState,
      meta: {
        generatedAt: options.generatedAt,
        generatedBy: options.generatedBy,
        dataVersion: `version ${snap.dataVersion}${snap.updatedAt ? ` du ${formatDateTimeFr(snap.updatedAt)}` : ''}`,
        notes: options.personalData ? [] : [PSEUDONYMS_NOTE],
      },
    };
    const report = options.level === 'departement' ? buildDepartementReport(input) : buildRegionReport(input);
    if (scenario && this.base) {
      // The report of the scenario's state, and what the scenario changes there.
      const territory = options.level === 'departement' ? { departement: [options.code] } : { region: [options.code] };
      const compared = this.comparisonResponse({ asOf: options.asOf, ...territory, part: 'diff', unchangedLimit: 0 }, scenario.id) as Required<ComparisonResponse>;
      const name = scenario.name ?? `n° ${scenario.id}`;
      report.title = `${report.title} — scénario « ${name} »`;
      report.cover.notes = [`Ce rapport montre l’état du scénario « ${name} », pas les données réelles : ses changements n’ont pas été appliqués.`, ...(report.cover.notes ?? [])];
      report.blocks.push(scenarioReportSection(name, { ...compared, findings: { resolved: compared.findings.resolved, new: compared.findings.new, unchangedCount: compared.findings.counts.unchanged }, coverage: compared.coverage.communes }));
    }
    return { body: await renderReportPdf(report), contentType: 'application/pdf' };
  }

  /** What a scenario changes, drawn as a report of one section (off the event loop, like the other reports). */
  private async scenarioReport(options: ScenarioReportOptions, scenario?: ScenarioRef): Promise<Answer> {
    const { asOf, departement, region, territory, generatedAt, generatedBy } = options;
    const compared = this.comparisonResponse({ asOf, departement, region, part: 'diff', unchangedLimit: 0 }, scenario?.id ?? 0) as Required<ComparisonResponse>;
    const name = scenario?.name ?? `n° ${scenario?.id ?? ''}`;
    const pdf = await renderReportPdf({
      format: REPORT_FORMAT,
      title: `Scénario « ${name} »`,
      cover: { territory, subtitle: 'Comparaison d’un scénario avec les données actuelles', asOf, generatedAt, generatedBy, dataVersion: `version ${compared.dataVersion}` },
      blocks: [scenarioReportSection(name, { ...compared, findings: { resolved: compared.findings.resolved, new: compared.findings.new, unchangedCount: compared.findings.counts.unchanged }, coverage: compared.coverage.communes })],
    });
    return { body: pdf, contentType: 'application/pdf' };
  }

  /** « Which mechanisms cover this place »: the place, its communes, and every mechanism meeting them. */
  private place({ type, code, asOf, theme }: PlaceOptions) {
    const model = this.snap.model;
    const communes = placeCommunes(model.territories, type, code);
    const place = describePlace(model.territories, type, code);
    if (!communes || !place) return null;
    return { dataVersion: this.snap.dataVersion, asOf, ...(theme ? { theme } : {}), place, mechanisms: mechanismsCovering(model, communes, asOf, { theme }) };
  }

  private workbookSpec(options: WorkbookOptions): WorkbookSpec {
    const { snap } = this;
    switch (options.table) {
      case 'dataset':
        return datasetWorkbook(withCurrentCommuneCodes(snap.dataset, snap.territories), snap.territories);
      case 'findings':
        // Subjects by name, links by their ends (never an id); the date in French.
        return findingsWorkbook(this.findingsPage(options.query).findings, subjectNamer(snap.model), `Constats au ${formatDateFr(options.query.asOf)}`);
      case 'avis': {
        const checklist = avisChecklist(snap.model, options.id, options.asOf);
        if (!checklist) throw new Error(`aucun PTSM « ${options.id} »`);
        return avisChecklistWorkbook(checklist);
      }
      case 'indicators': {
        // Every uncovered commune unless the query limits them: a workbook is where the whole list goes.
        const ind = computeIndicators(snap.model, { ...indicatorOptions(options.query), uncoveredLimit: options.query.uncoveredLimit });
        return indicatorsWorkbook(ind, ind.series);
      }
      case 'deadlines':
        return deadlinesWorkbook(this.deadlines(options.query));
      case 'uncovered':
        return uncoveredCommunesWorkbook(computeIndicators(snap.model, { ...indicatorOptions(options.query), uncoveredLimit: options.query.uncoveredLimit, series: false }).areas);
      case 'comparison': {
        const compared = this.comparison(options.query);
        const write = (records: readonly FindingRecord[], nameOf: (id: string) => string) => records.map((f) => writeFinding(f, nameOf));
        return comparisonWorkbook(
          {
            ...compared,
            findings: { resolved: write(compared.findings.resolved, this.base!.snap.nameOf), new: write(compared.findings.new, snap.nameOf), unchanged: write(compared.findings.unchanged, snap.nameOf) },
          },
          snap.nameOf,
        );
      }
    }
  }

  private deadlines(options: DeadlinesOptions) {
    return deadlines(this.snap.model, { asOf: options.asOf, months: options.months, pastMonths: options.pastMonths, departements: options.departement, regions: options.region });
  }

  private findingsPage(query: Omit<FindingsOptions, 'limit' | 'offset'> & { limit?: number; offset?: number }): FindingsResponse {
    const { asOf } = query;
    const records = this.findings(asOf);
    const territory = new Set(query.departement ?? []);
    for (const r of query.region ?? []) for (const d of this.snap.territories.departementsOfRegion(r)) territory.add(d);
    const rules = query.rule?.length ? new Set(query.rule) : undefined;
    const severities = query.severity?.length ? new Set(query.severity) : undefined;
    const categories = query.category?.length ? new Set(query.category) : undefined;
    const territorial = (query.departement?.length ?? 0) + (query.region?.length ?? 0) > 0;
    const matching = records.filter(
      (f) =>
        (!territorial || f.departements.some((d) => territory.has(d))) &&
        (!rules || rules.has(f.rule)) &&
        (!severities || severities.has(f.severity)) &&
        (!categories || categories.has(f.category)) &&
        (query.subject === undefined || f.subjects.includes(query.subject)) &&
        (query.finding === undefined || findingId(f) === query.finding),
    );
    // States: only findings with a stored state need resolving (the others are « à traiter »).
    const stateOf = this.snap.states.size === 0 ? () => TO_DO : (f: FindingRecord) => this.snap.findingState(f);
    const states = new Map<FindingRecord, FindingState>();
    const stateCounts = emptyStateCounts();
    for (const f of matching) {
      const state = stateOf(f);
      if (state !== TO_DO) states.set(f, state);
      stateCounts[state.status]++;
    }
    const wanted = query.state?.length ? new Set(query.state) : undefined;
    const selected = wanted ? matching.filter((f) => wanted.has((states.get(f) ?? TO_DO).status)) : matching;
    const counts = {
      severity: Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>,
      category: Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>,
      // Keyed by rule ids (the registry's), never by data.
      rule: {} as Record<string, number>,
      state: stateCounts,
    };
    for (const f of selected) {
      counts.severity[f.severity]++;
      counts.category[f.category]++;
      counts.rule[f.rule] = (counts.rule[f.rule] ?? 0) + 1;
    }
    const offset = query.offset ?? 0;
    const page = query.limit === undefined ? selected.slice(offset) : selected.slice(offset, offset + query.limit);
    const findings = page.map((record): Finding => ({ ...writeFinding(record, this.snap.nameOf), state: states.get(record) ?? TO_DO }));
    return { dataVersion: this.snap.dataVersion, asOf, total: selected.length, offset, counts, findings };
  }
}

/** Scenario states kept (each with its model and findings): a few are compared at a time. */
const MAX_SCENARIO_STATES = 4;

/**
 * The answers of the latest state of each variant (a new state drops the previous one's), and of
 * the few scenario states last asked for, each over the state it was laid on.
 */
export class LatestAnswers {
  private readonly byVariant = new Map<Variant, SnapshotAnswers>();
  private readonly scenarios = new Map<string, SnapshotAnswers>();

  async answer(request: AnalysisRequest, variant: Variant, snap: Snapshot): Promise<Answer & { dataVersion: number; ruleRuns: number; ruleDurations: number[] }> {
    let base = this.byVariant.get(variant);
    if (base?.snap !== snap) this.byVariant.set(variant, (base = new SnapshotAnswers(snap)));
    const answers = request.scenario ? this.scenarioAnswers(base, variant, request.scenario) : base;
    const own = answers.ruleRuns;
    const ofBase = answers.base?.ruleRuns ?? 0;
    const pending = answers.answer(request);
    // Counted before any wait: another request may run the rules meanwhile.
    const ownRuns = answers.ruleRuns - own;
    const baseRuns = (answers.base?.ruleRuns ?? 0) - ofBase;
    const ruleRuns = ownRuns + baseRuns;
    const ruleDurations = answers.ruleDurations.slice(own, own + ownRuns);
    for (const ms of answers.base?.ruleDurations.slice(ofBase, ofBase + baseRuns) ?? []) ruleDurations.push(ms);
    return { ...(await pending), dataVersion: snap.dataVersion, ruleRuns, ruleDurations };
  }

  /** A scenario's state over `base`: one per scenario (a new revision replaces the previous one's), a few scenarios kept. */
  private scenarioAnswers(base: SnapshotAnswers, variant: Variant, scenario: ScenarioRef): SnapshotAnswers {
    const key = `${variant}|${scenario.id}`;
    let found = this.scenarios.get(key);
    this.scenarios.delete(key);
    if (found?.base !== base || found.revision !== scenario.revision) {
      found = new SnapshotAnswers(scenarioSnapshot(base.snap, scenario.changes), base, scenario.revision);
      if (this.scenarios.size >= MAX_SCENARIO_STATES) this.scenarios.delete(this.scenarios.keys().next().value!);
    }
    this.scenarios.set(key, found);
    return found;
  }
}

/** The route's indicators options as computeIndicators' options. */
function indicatorOptions(options: IndicatorsOptions) {
  const { departement, region, uncoveredLimit: _limit, ...rest } = options;
  return { ...rest, departements: departement, regions: region };
}

const PSEUDONYMS_NOTE = 'Les personnes sont désignées par un pseudonyme : votre rôle ne donne pas accès aux données personnelles.';

/** The indicators of a query: where the route's options become computeIndicators' options. */
function indicators(snap: Snapshot, options: IndicatorsOptions) {
  return computeIndicators(snap.model, { ...indicatorOptions(options), uncoveredLimit: options.uncoveredLimit ?? 100 });
}
