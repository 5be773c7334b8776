// Coverage by commune at a date (docs/indicateurs.md): for each base commune of a territory, how
// many active mechanisms of each kind cover it, and its zones blanches per kind. The one
// computation of coverage per commune: the Carte view's colours, legend and table read this answer
// (served by the analysis worker), and the PDF report's map takes its categories from it
// (coverageMapData). The indicators' coverage shares are sums of the same communes (tested).
import type { ArticulationModel } from './graph.ts';
import { firstYear, type UncoveredCommune } from './indicators.ts';
import type { ReportMapData } from './report.ts';
import { RuleContext } from './rules/context.ts';
import { DEFAULT_SETTINGS } from './rules/types.ts';
import { MECHANISM_KINDS, type MechanismKind } from './vocabulary.ts';

export interface KindCoverage {
  /** Communes covered by at least one active mechanism of the kind, and their population. */
  coveredCommunes: number;
  coveredPopulation: number;
  /** The others ("zones blanches" for CLSM): their number, population, and the most populated first (at most the limit). */
  uncovered: { count: number; population: number; communes: UncoveredCommune[] };
}

export interface CommuneCoverage {
  asOf: string;
  /** Only the mechanisms working on this theme were counted. */
  theme?: string;
  /** The first year the data knows (the year slider's start). */
  firstYear: number;
  /** Départements of the territory, sorted. */
  departements: string[];
  population: number;
  /** Base communes of the territory (current communes; Paris, Lyon, Marseille as arrondissements), in reference order. */
  communes: string[];
  /** Population of each, same order. */
  populations: number[];
  /** Active mechanisms of each kind covering each commune, same order. */
  counts: Record<MechanismKind, number[]>;
  /** Active mechanisms of any kind covering each commune, same order. */
  mechanisms: number[];
  byKind: Record<MechanismKind, KindCoverage>;
}

export interface CoverageOptions {
  asOf: string;
  /** The territory: these départements and those of these régions; none: France. */
  departements?: readonly string[];
  regions?: readonly string[];
  /** Uncovered communes listed per kind (default 100; the counts are always complete). */
  uncoveredLimit?: number;
  /** Count only the mechanisms working on this theme (model/graph.ts, mechanismThemes). */
  theme?: string;
}

export const DEFAULT_UNCOVERED_LIMIT = 100;

export function communeCoverage(model: ArticulationModel, options: CoverageOptions): CommuneCoverage {
  const t = model.territories;
  const departements = new Set(options.departements ?? []);
  for (const r of options.regions ?? []) for (const d of t.departementsOfRegion(r)) departements.add(d);
  if (departements.size === 0) for (const d of t.allDepartements()) departements.add(d.code);
  const indices: number[] = [];
  for (const d of departements) for (const c of t.communesOfDepartement(d)) indices.push(c);
  indices.sort((a, b) => a - b);
  // Position of each base commune in the answer (-1: outside the territory).
  const position = new Int32Array(t.communeCount).fill(-1);
  indices.forEach((c, i) => (position[c] = i));

  const ctx = new RuleContext(model, options.asOf, DEFAULT_SETTINGS);
  const counts = {} as Record<MechanismKind, number[]>;
  const mechanisms = new Array<number>(indices.length).fill(0);
  for (const kind of MECHANISM_KINDS) {
    const row = (counts[kind] = new Array<number>(indices.length).fill(0));
    for (const e of ctx.active(kind)) {
      if (options.theme !== undefined && !model.themes(e).includes(options.theme)) continue;
      for (const c of e.perimeter) {
        const at = position[c];
        if (at < 0) continue;
        row[at]++;
        mechanisms[at]++;
      }
    }
  }
  const limit = options.uncoveredLimit ?? DEFAULT_UNCOVERED_LIMIT;
  const populations = indices.map((c) => t.population[c]);
  const byKind = {} as Record<MechanismKind, KindCoverage>;
  for (const kind of MECHANISM_KINDS) byKind[kind] = kindCoverage(counts[kind], indices, populations, model, limit);
  return {
    asOf: options.asOf,
    ...(options.theme !== undefined ? { theme: options.theme } : {}),
    firstYear: firstYear(model, options.asOf),
    departements: [...departements].sort(),
    population: populations.reduce((sum, p) => sum + p, 0),
    communes: indices.map((c) => t.codes[c]),
    populations,
    counts,
    mechanisms,
    byKind,
  };
}

function kindCoverage(row: readonly number[], indices: readonly number[], populations: readonly number[], model: ArticulationModel, limit: number): KindCoverage {
  const t = model.territories;
  let coveredCommunes = 0;
  let coveredPopulation = 0;
  let uncoveredPopulation = 0;
  const uncovered: number[] = []; // positions in the answer
  row.forEach((count, i) => {
    if (count > 0) {
      coveredCommunes++;
      coveredPopulation += populations[i];
    } else {
      uncoveredPopulation += populations[i];
      uncovered.push(i);
    }
  });
  // Most populated first; positions follow the reference order, so ties keep the code order.
  uncovered.sort((a, b) => populations[b] - populations[a] || a - b);
  const listed = uncovered.slice(0, limit).map((i) => ({ code: t.codes[indices[i]], name: t.names[indices[i]], population: populations[i] }));
  return { coveredCommunes, coveredPopulation, uncovered: { count: uncovered.length, population: uncoveredPopulation, communes: listed } };
}

/**
 * The report map's categories, in legend order; a zone blanche is a commune no active CLSM covers.
 * « partielle »: Lyon or Marseille (drawn whole) when their arrondissements differ, as the Carte
 * view never draws them covered for one arrondissement (model/geo.ts, cityCoverage).
 */
export const COVERAGE_CATEGORIES = [
  { id: 'clsm', label: 'Couverte par un CLSM actif', colour: '#3558a2' },
  { id: 'partielle', label: 'Ville aux arrondissements inégalement couverts', colour: '#8d7cc3' },
  { id: 'cls', label: 'Zone blanche couverte par un CLS actif', colour: '#a9bff0' },
  { id: 'none', label: 'Zone blanche sans CLS actif', colour: '#f2b183' },
] as const;
/** A commune's own category (« partielle » is a city's, from its arrondissements). */
export type CoverageCategory = Exclude<(typeof COVERAGE_CATEGORIES)[number]['id'], 'partielle'>;

/** The category of the commune at this position of the answer. */
export function coverageCategory(coverage: Pick<CommuneCoverage, 'counts'>, position: number): CoverageCategory {
  if (coverage.counts.CLSM[position] > 0) return 'clsm';
  return coverage.counts.CLS[position] > 0 ? 'cls' : 'none';
}

/** The map of coverage and zones blanches of the answer's territory, as the report's map block draws it. */
export function coverageMapData(coverage: CommuneCoverage): ReportMapData {
  return {
    departements: [...coverage.departements],
    categories: COVERAGE_CATEGORIES.map((c) => ({ ...c })),
    partialCategory: 'partielle',
    communes: coverage.communes.map((code, i) => ({ code, category: coverageCategory(coverage, i) })),
  };
}
