// The indicators of the instruction of 13 May 2025 (§III) and coverage (docs/indicateurs.md): by région
// or département and for France as a whole, at a reference date, and as a yearly series at
// 31 December from the first year the data knows.
//
// A mechanism counts once, in the départements it counts for (its main département, see
// ArticulationModel.countedIn) and their régions; coverage is by commune, so a CLSM across two
// départements covers population in both. The avis rate is the checklist's (model/avis.ts).
import { addAvisTotals, completionRate, emptyAvisTotals, type AvisTotals } from './avis.ts';
import type { ArticulationModel, MechanismEntry } from './graph.ts';
import { RuleContext } from './rules/context.ts';
import { DEFAULT_SETTINGS } from './rules/types.ts';
import { USERS_AND_CARERS } from './vocabulary.ts';

export type IndicatorLevel = 'region' | 'departement' | 'france';

export interface Share {
  /** Numerator. */
  count: number;
  /** Denominator. */
  total: number;
  /** count / total in %, one decimal; null when total is 0. */
  percent: number | null;
}

/**
 * A governance share with its two denominators (docs/indicateurs.md, as the national survey reports
 * them): over the CLSMs whose data is known, and over all active CLSMs, the unknown shown as such.
 */
export interface KnownShare {
  /** Active CLSMs that meet it. */
  count: number;
  /** Active CLSMs whose data is known: the first denominator. */
  known: number;
  /** All active CLSMs counted in the area: the second denominator. */
  active: number;
  /** Active CLSMs whose data is not known (active − known). */
  unknown: number;
  /** count / known, %; null when nothing is known. */
  percentOfKnown: number | null;
  /** count / active, %; null without active CLSM. */
  percentOfActive: number | null;
}

export interface PtsmAvisIndicator extends AvisTotals {
  ptsm: string;
  name: string;
  /** The checklist's completion: avis received on time among those due, %. */
  completion: number | null;
}

/** The avis of the PTSMs counted in an area: each one's checklist totals, and their sum with its rate (the same definition). */
export interface AreaAvis extends AvisTotals {
  completion: number | null;
  ptsms: PtsmAvisIndicator[];
}

export interface UncoveredCommune {
  code: string;
  name: string;
  population: number;
}

export interface AreaIndicators {
  level: IndicatorLevel;
  /** INSEE code; `FR` for France. */
  code: string;
  name: string;
  population: number;
  communes: number;
  /** Active CLSMs counted in the area, each once (main département and its région). */
  activeClsm: number;
  /** Population covered by at least one active mechanism of the kind. */
  coverage: { CLSM: Share; CLS: Share; CPTS: Share; PTSM: Share };
  /** Active CLSMs whose COPIL includes users and carers. */
  clsmUsersAndCarers: KnownShare;
  /** Active CLSMs holding at least one plenary a year. */
  clsmYearlyPlenary: KnownShare;
  /** Avis of the PTSMs active or in preparation counted in the area. */
  avis: AreaAvis;
  /** Communes covered by no active CLSM ("zones blanches"), most populated first (at most `uncoveredLimit`). */
  uncovered: { count: number; population: number; communes: UncoveredCommune[] };
}

/** The indicators at 31 December of a year (at the reference date for its year). */
export interface YearIndicators {
  year: number;
  asOf: string;
  france: AreaIndicators;
  areas: AreaIndicators[];
}

export interface Indicators {
  asOf: string;
  level: Exclude<IndicatorLevel, 'france'>;
  areas: AreaIndicators[];
  france: AreaIndicators;
  /** One entry per year, from the first year the data knows to the reference date's; without the lists of uncovered communes. */
  series: YearIndicators[];
}

export interface IndicatorOptions {
  asOf: string;
  level: Exclude<IndicatorLevel, 'france'>;
  /** Restrict to these départements / régions (default: the areas of the dataset's scope). */
  departements?: readonly string[];
  regions?: readonly string[];
  /** Keep at most this many uncovered communes per area (default: all, and FRANCE_UNCOVERED_LIMIT for France). */
  uncoveredLimit?: number;
  /** Compute the yearly series (default true). */
  series?: boolean;
  /** The model's view at the reference date, when a caller holds one (shared with the rules: see RunOptions.context). */
  context?: RuleContext;
}

export const FRANCE_CODE = 'FR';
/** The France row lists at most this many uncovered communes unless asked otherwise: tens of thousands would say nothing more. */
export const FRANCE_UNCOVERED_LIMIT = 100;

const share = (count: number, total: number): Share => ({ count, total, percent: percent(count, total) });
const percent = (count: number, total: number) => (total === 0 ? null : Math.round((1000 * count) / total) / 10);

/** An area to compute: its code, name, and the départements it is made of. */
interface Area {
  level: IndicatorLevel;
  code: string;
  name: string;
  departements: ReadonlySet<string>;
  communes: readonly number[];
  population: number;
  /** Mechanisms counted in it (CLSMs and PTSMs are all the indicators count). */
  counted: MechanismEntry[];
}

export function computeIndicators(model: ArticulationModel, options: IndicatorOptions): Indicators {
  const { asOf, level } = options;
  const areas = selectAreas(model, options);
  const france = franceArea(model);
  const now = indicatorsAt(model, asOf, areas, france, options.uncoveredLimit, options.context);
  const series: YearIndicators[] = [];
  if (options.series !== false) {
    const last = Number(asOf.slice(0, 4));
    for (let year = firstYear(model, asOf); year <= last; year++) {
      const at = year === last ? asOf : `${String(year).padStart(4, '0')}-12-31`;
      const values = at === asOf ? now : indicatorsAt(model, at, areas, france, 0);
      series.push({ year, asOf: at, france: withoutLists(values.france), areas: values.areas.map(withoutLists) });
    }
  }
  return { asOf, level, areas: now.areas, france: now.france, series };
}

function indicatorsAt(model: ArticulationModel, asOf: string, areas: readonly Area[], france: Area, uncoveredLimit: number | undefined, shared?: RuleContext) {
  // The rules' view of the model at that date: activity, coverage and avis checklists, one place.
  const ctx = shared?.model === model && shared.asOf === asOf ? shared : new RuleContext(model, asOf, DEFAULT_SETTINGS);
  return {
    france: areaIndicators(ctx, france, uncoveredLimit ?? FRANCE_UNCOVERED_LIMIT),
    areas: areas.map((a) => areaIndicators(ctx, a, uncoveredLimit)),
  };
}

const withoutLists = (a: AreaIndicators): AreaIndicators => (a.uncovered.communes.length ? { ...a, uncovered: { ...a.uncovered, communes: [] } } : a);

function areaIndicators(ctx: RuleContext, area: Area, uncoveredLimit: number | undefined): AreaIndicators {
  const t = ctx.model.territories;
  const covered = { CLSM: ctx.coverage('CLSM'), CLS: ctx.coverage('CLS'), CPTS: ctx.coverage('CPTS'), PTSM: ctx.coverage('PTSM') };
  const coveredPopulation = { CLSM: 0, CLS: 0, CPTS: 0, PTSM: 0 };
  const uncovered: UncoveredCommune[] = [];
  let uncoveredCount = 0;
  let uncoveredPopulation = 0;
  const listUncovered = uncoveredLimit === undefined || uncoveredLimit > 0;
  for (const c of area.communes) {
    const population = t.population[c];
    if (covered.CLSM[c]) coveredPopulation.CLSM += population;
    else {
      uncoveredCount++;
      uncoveredPopulation += population;
      if (listUncovered) uncovered.push({ code: t.codes[c], name: t.names[c], population });
    }
    if (covered.CLS[c]) coveredPopulation.CLS += population;
    if (covered.CPTS[c]) coveredPopulation.CPTS += population;
    if (covered.PTSM[c]) coveredPopulation.PTSM += population;
  }
  uncovered.sort((a, b) => b.population - a.population || (a.code < b.code ? -1 : 1));

  const clsms = area.counted.filter((e) => e.mechanism.kind === 'CLSM' && ctx.isActive(e));
  const usersAndCarers = knownShare(clsms, (e) => {
    const roles = e.mechanism.governance?.copil?.roles;
    return roles === undefined ? undefined : USERS_AND_CARERS.every((r) => roles.includes(r));
  });
  const plenary = knownShare(clsms, (e) => {
    const plenaries = e.mechanism.governance?.plenaryPerYear;
    return plenaries === undefined ? undefined : plenaries >= 1;
  });

  // The PTSMs the avis concern at that date (active or in preparation), each with its checklist.
  const ptsms: PtsmAvisIndicator[] = [];
  const totals = emptyAvisTotals();
  for (const e of area.counted) {
    if (e.mechanism.kind !== 'PTSM' || !(ctx.isActive(e) || ctx.inPreparation(e))) continue;
    const checklist = ctx.avis(e);
    ptsms.push({ ptsm: e.mechanism.id, name: e.mechanism.name, ...checklist.totals.all, completion: checklist.completion });
    addAvisTotals(totals, checklist.totals.all);
  }
  ptsms.sort((a, b) => (a.ptsm < b.ptsm ? -1 : 1));

  return {
    level: area.level,
    code: area.code,
    name: area.name,
    population: area.population,
    communes: area.communes.length,
    activeClsm: clsms.length,
    coverage: {
      CLSM: share(coveredPopulation.CLSM, area.population),
      CLS: share(coveredPopulation.CLS, area.population),
      CPTS: share(coveredPopulation.CPTS, area.population),
      PTSM: share(coveredPopulation.PTSM, area.population),
    },
    clsmUsersAndCarers: usersAndCarers,
    clsmYearlyPlenary: plenary,
    avis: { ...totals, completion: completionRate(totals), ptsms },
    uncovered: {
      count: uncoveredCount,
      population: uncoveredPopulation,
      communes: uncoveredLimit === undefined ? uncovered : uncovered.slice(0, uncoveredLimit),
    },
  };
}

/** A governance indicator over active CLSMs: `meets` says yes, no, or undefined when the data is unknown. */
function knownShare(clsms: readonly MechanismEntry[], meets: (e: MechanismEntry) => boolean | undefined): KnownShare {
  let count = 0;
  let known = 0;
  for (const e of clsms) {
    const answer = meets(e);
    if (answer === undefined) continue;
    known++;
    if (answer) count++;
  }
  return { count, known, active: clsms.length, unknown: clsms.length - known, percentOfKnown: percent(count, known), percentOfActive: percent(count, clsms.length) };
}

/** Mechanisms counted per département: each in the départements it counts for (docs/indicateurs.md, « Les zones »). */
function countedByDepartement(model: ArticulationModel): Map<string, MechanismEntry[]> {
  const by = new Map<string, MechanismEntry[]>();
  for (const e of model.entries) {
    if (e.mechanism.kind !== 'CLSM' && e.mechanism.kind !== 'PTSM') continue;
    for (const d of model.countedIn(e)) {
      const list = by.get(d);
      if (list) list.push(e);
      else by.set(d, [e]);
    }
  }
  return by;
}

/** The areas listed: those asked for, or those of the dataset's scope (docs/indicateurs.md, « Les zones »). */
function selectAreas(model: ArticulationModel, options: IndicatorOptions): Area[] {
  const t = model.territories;
  const { level } = options;
  const codes = new Set<string>();
  const explicit = (options.departements?.length ?? 0) + (options.regions?.length ?? 0) > 0;
  const areaOf = (d: string) => (level === 'departement' ? d : t.regionOfDepartement(d));
  if (explicit) {
    for (const d of options.departements ?? []) if (t.isDepartement(d)) codes.add(areaOf(d) ?? '');
    for (const r of options.regions ?? []) {
      if (level === 'region') {
        if (t.isRegion(r)) codes.add(r);
      } else for (const d of t.departementsOfRegion(r)) codes.add(d);
    }
  } else {
    for (const d of model.scopeDepartements()) codes.add(areaOf(d) ?? '');
  }
  codes.delete('');
  const counted = countedByDepartement(model);
  return [...codes].sort().map((code) => {
    const departements = level === 'departement' ? [code] : t.departementsOfRegion(code);
    return area(model, level, code, (level === 'departement' ? t.departementName(code) : t.regionName(code)) ?? code, departements, counted);
  });
}

function franceArea(model: ArticulationModel): Area {
  const departements = model.territories.allDepartements().map((d) => d.code);
  return area(model, 'france', FRANCE_CODE, 'France', departements, countedByDepartement(model));
}

function area(model: ArticulationModel, level: IndicatorLevel, code: string, name: string, departements: readonly string[], counted: Map<string, MechanismEntry[]>): Area {
  const t = model.territories;
  const communes: number[] = [];
  const mechanisms = new Set<MechanismEntry>(); // once, even when it counts for two of its départements
  for (const d of departements) {
    for (const c of t.communesOfDepartement(d)) communes.push(c);
    for (const e of counted.get(d) ?? []) mechanisms.add(e);
  }
  return { level, code, name, departements: new Set(departements), communes, population: t.populationOf(communes), counted: [...mechanisms] };
}

/** The first year the data knows: its earliest date on or before `asOf` (dates, status histories, links); `asOf`'s year when none. */
export function firstYear(model: ArticulationModel, asOf: string): number {
  let first = asOf;
  const see = (date: string | undefined) => {
    if (date !== undefined && date < first) first = date;
  };
  for (const e of model.entries) {
    const m = e.mechanism;
    const d = m.dates;
    if (d) for (const date of [d.start, d.end, d.signed, d.diagnosticAdopted, d.adopted]) see(date);
    for (const entry of m.statusHistory ?? []) see(entry.from);
  }
  for (const link of model.links) see(link.date);
  return Number(first.slice(0, 4));
}
