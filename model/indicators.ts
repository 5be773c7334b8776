// The indicators of the instruction of 13 May 2025 (§III) and coverage, by région or
// département at a reference date. Their definitions, in French: docs/indicateurs.md.
import type { AvisTotals } from './avis.ts';
import { RuleContext } from './rules/context.ts';
import { DEFAULT_SETTINGS } from './rules/types.ts';
import type { ArticulationModel, MechanismEntry } from './graph.ts';
import { USERS_AND_CARERS } from './vocabulary.ts';

export type IndicatorLevel = 'region' | 'departement';

export interface Share {
  /** Numerator. */
  count: number;
  /** Denominator. */
  total: number;
  /** count / total in %, one decimal; null when total is 0. */
  percent: number | null;
}

export interface PtsmAvisIndicator extends AvisTotals {
  ptsm: string;
  name: string;
  /** Share of expected avis received on time, %. */
  completion: number | null;
}

export interface UncoveredCommune {
  code: string;
  name: string;
  population: number;
}

export interface AreaIndicators {
  level: IndicatorLevel;
  code: string;
  name: string;
  population: number;
  communes: number;
  /** Active CLSMs whose territory meets the area. */
  activeClsm: number;
  /** Population covered by at least one active mechanism of the kind. */
  coverage: { CLSM: Share; CLS: Share; CPTS: Share };
  /** Active CLSMs whose COPIL includes users and carers, among those whose COPIL is known. */
  clsmUsersAndCarers: Share & { unknown: number };
  /** Active CLSMs holding at least one plenary a year, among those for which it is known. */
  clsmYearlyPlenary: Share & { unknown: number };
  /** Avis completion of each PTSM active (or in preparation) touching the area. */
  avis: PtsmAvisIndicator[];
  /** Communes covered by no active CLSM ("zones blanches"), most populated first. */
  uncovered: { count: number; population: number; communes: UncoveredCommune[] };
}

export interface Indicators {
  asOf: string;
  level: IndicatorLevel;
  areas: AreaIndicators[];
}

export interface IndicatorOptions {
  asOf: string;
  level: IndicatorLevel;
  /** Restrict to these départements / régions (default: every area a mechanism touches). */
  departements?: readonly string[];
  regions?: readonly string[];
  /** Keep at most this many uncovered communes per area (default: all). */
  uncoveredLimit?: number;
}

const share = (count: number, total: number): Share => ({ count, total, percent: total === 0 ? null : Math.round((1000 * count) / total) / 10 });

export function computeIndicators(model: ArticulationModel, options: IndicatorOptions): Indicators {
  const t = model.territories;
  const { asOf, level } = options;
  // The rules' view of the model at that date: activity, coverage and avis checklists, one place.
  const ctx = new RuleContext(model, asOf, DEFAULT_SETTINGS);
  const covered = { CLSM: ctx.coverage('CLSM'), CLS: ctx.coverage('CLS'), CPTS: ctx.coverage('CPTS') };

  const areaOf = (departement: string) => (level === 'departement' ? departement : (t.regionOfDepartement(departement) ?? ''));
  const wanted = selectAreas(model, options, areaOf);

  // Mechanisms per area, found through their départements.
  const byArea = new Map<string, Set<MechanismEntry>>();
  for (const e of model.entries) {
    for (const d of e.departements) {
      const area = areaOf(d);
      if (!wanted.has(area)) continue;
      let set = byArea.get(area);
      if (!set) byArea.set(area, (set = new Set()));
      set.add(e);
    }
  }

  const avisOf = (ptsm: MechanismEntry): PtsmAvisIndicator => {
    const checklist = ctx.avis(ptsm);
    return { ptsm: ptsm.mechanism.id, name: ptsm.mechanism.name, ...checklist.totals.all, completion: checklist.completion };
  };

  const areas: AreaIndicators[] = [];
  for (const code of [...wanted].sort()) {
    const departements = level === 'departement' ? [code] : t.departementsOfRegion(code);
    const communes = departements.flatMap((d) => t.communesOfDepartement(d));
    const population = t.populationOf(communes);
    const coveredPopulation = { CLSM: 0, CLS: 0, CPTS: 0 };
    const uncovered: UncoveredCommune[] = [];
    let uncoveredPopulation = 0;
    for (const c of communes) {
      for (const kind of ['CLSM', 'CLS', 'CPTS'] as const) if (covered[kind][c]) coveredPopulation[kind] += t.population[c];
      if (!covered.CLSM[c]) {
        uncovered.push({ code: t.codes[c], name: t.names[c], population: t.population[c] });
        uncoveredPopulation += t.population[c];
      }
    }
    uncovered.sort((a, b) => b.population - a.population || a.code.localeCompare(b.code));

    const mechanisms = [...(byArea.get(code) ?? [])];
    const clsms = mechanisms.filter((e) => e.mechanism.kind === 'CLSM' && ctx.isActive(e));
    let usersCarers = 0;
    let rolesKnown = 0;
    let plenary = 0;
    let plenaryKnown = 0;
    for (const e of clsms) {
      const roles = e.mechanism.governance?.copil?.roles;
      if (roles !== undefined) {
        rolesKnown++;
        if (USERS_AND_CARERS.every((r) => roles.includes(r))) usersCarers++;
      }
      const plenaries = e.mechanism.governance?.plenaryPerYear;
      if (plenaries !== undefined) {
        plenaryKnown++;
        if (plenaries >= 1) plenary++;
      }
    }
    const ptsms = mechanisms.filter((e) => e.mechanism.kind === 'PTSM' && (e.mechanism.status === 'project' || ctx.isActive(e)));
    areas.push({
      level,
      code,
      name: (level === 'departement' ? t.departementName(code) : t.regionName(code)) ?? code,
      population,
      communes: communes.length,
      activeClsm: clsms.length,
      coverage: {
        CLSM: share(coveredPopulation.CLSM, population),
        CLS: share(coveredPopulation.CLS, population),
        CPTS: share(coveredPopulation.CPTS, population),
      },
      clsmUsersAndCarers: { ...share(usersCarers, rolesKnown), unknown: clsms.length - rolesKnown },
      clsmYearlyPlenary: { ...share(plenary, plenaryKnown), unknown: clsms.length - plenaryKnown },
      avis: ptsms.map(avisOf).sort((a, b) => a.ptsm.localeCompare(b.ptsm)),
      uncovered: {
        count: uncovered.length,
        population: uncoveredPopulation,
        communes: options.uncoveredLimit === undefined ? uncovered : uncovered.slice(0, options.uncoveredLimit),
      },
    });
  }
  return { asOf, level, areas };
}

function selectAreas(model: ArticulationModel, options: IndicatorOptions, areaOf: (d: string) => string): Set<string> {
  const t = model.territories;
  const areas = new Set<string>();
  const explicit = (options.departements?.length ?? 0) + (options.regions?.length ?? 0) > 0;
  if (explicit) {
    for (const d of options.departements ?? []) if (t.isDepartement(d)) areas.add(areaOf(d));
    for (const r of options.regions ?? []) {
      if (options.level === 'region') {
        if (t.isRegion(r)) areas.add(r);
      } else for (const d of t.departementsOfRegion(r)) areas.add(d);
    }
  } else {
    for (const e of model.entries) for (const d of e.departements) areas.add(areaOf(d));
  }
  areas.delete('');
  return areas;
}
