// Coverage commune by commune at a reference date: which kinds of active mechanism cover each
// commune of some départements, and the map that shows it (covered by a CLSM; a "zone blanche"
// covered by a CLS; a zone blanche with neither). One function for every map of coverage (the
// PDF report's, the Carte view's): the rules' own coverage (RuleContext.coverage), so that a map
// and the indicators never disagree.
import type { ArticulationModel } from './graph.ts';
import type { ReportMapData } from './report.ts';
import { RuleContext } from './rules/context.ts';
import { DEFAULT_SETTINGS } from './rules/types.ts';
import { MECHANISM_KINDS, type MechanismKind } from './vocabulary.ts';

export interface CommuneCoverage {
  /** INSEE code of a base commune. */
  code: string;
  name: string;
  population: number;
  /** The kinds of active mechanism covering it, in vocabulary order. */
  kinds: MechanismKind[];
}

/** The rules' view of coverage at a date: a RuleContext, or what it needs. */
type CoverageSource = Pick<RuleContext, 'model' | 'coverage'>;

/** Every base commune of these départements with the kinds of active mechanism covering it. */
export function communeCoverage(source: CoverageSource, departements: readonly string[]): CommuneCoverage[] {
  const t = source.model.territories;
  const covered = MECHANISM_KINDS.map((kind) => [kind, source.coverage(kind)] as const);
  const out: CommuneCoverage[] = [];
  for (const d of departements) {
    for (const c of t.communesOfDepartement(d)) {
      out.push({ code: t.codes[c], name: t.names[c], population: t.population[c], kinds: covered.filter(([, flags]) => flags[c] === 1).map(([kind]) => kind) });
    }
  }
  return out;
}

/** The same, from a model and a date. */
export function communeCoverageAt(model: ArticulationModel, asOf: string, departements: readonly string[]): CommuneCoverage[] {
  return communeCoverage(new RuleContext(model, asOf, DEFAULT_SETTINGS), departements);
}

/** The coverage map's categories, in legend order; a zone blanche is a commune no active CLSM covers. */
export const COVERAGE_CATEGORIES = [
  { id: 'clsm', label: 'Couverte par un CLSM actif', colour: '#3558a2' },
  { id: 'cls', label: 'Zone blanche couverte par un CLS actif', colour: '#a9bff0' },
  { id: 'none', label: 'Zone blanche sans CLS actif', colour: '#f2b183' },
] as const;
export type CoverageCategory = (typeof COVERAGE_CATEGORIES)[number]['id'];

export function coverageCategory(commune: Pick<CommuneCoverage, 'kinds'>): CoverageCategory {
  if (commune.kinds.includes('CLSM')) return 'clsm';
  return commune.kinds.includes('CLS') ? 'cls' : 'none';
}

/** The map of coverage and zones blanches of some départements, as the report's map block draws it. */
export function coverageMapData(coverage: readonly CommuneCoverage[], departements: readonly string[]): ReportMapData {
  return {
    departements: [...departements],
    categories: COVERAGE_CATEGORIES.map((c) => ({ ...c })),
    communes: coverage.map((c) => ({ code: c.code, category: coverageCategory(c) })),
  };
}
