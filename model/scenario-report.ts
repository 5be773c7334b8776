// A scenario's comparison as a section of the report document (model/report.ts): key figures,
// indicators before → after, the findings it resolves and those it brings, the avis now expected,
// and the map and table of the communes whose coverage changes. Pure data, rendered by the report's
// renderers (PDF today); every number comes from the comparison (model/scenario.ts), none is
// computed again.
import type { AreaIndicators } from './indicators.ts';
import type { ReportBlock, ReportFinding, ReportMapCategory, ReportSection } from './report.ts';
import { RULES_BY_ID } from './rules/registry.ts';
import type { Finding } from './rules/types.ts';
import type { ScenarioComparison } from './scenario.ts';
import { AVIS_STAGE_LABELS, BASIS_LABELS, type AvisStage } from './vocabulary.ts';
import { capitalize, plural } from './text.ts';

/** The comparison as the API answers it: findings written in French. */
export interface WrittenComparison extends Omit<ScenarioComparison, 'findings'> {
  findings: { resolved: readonly Finding[]; new: readonly Finding[]; unchangedCount: number };
}

/** Legend of the map of changed communes; the first category that applies wins. */
const MAP_CATEGORIES: ReportMapCategory[] = [
  { id: 'clsm-gagne', label: 'Désormais couverte par un CLSM actif', colour: '#18753c' },
  { id: 'clsm-perdu', label: 'Plus couverte par un CLSM actif', colour: '#ce0500' },
  { id: 'autre', label: 'Autre changement (CLS, CPTS, PTSM)', colour: '#0063cb' },
];

export function scenarioReportSection(name: string, compared: WrittenComparison): ReportSection {
  const france = compared.indicators[0];
  const newlyCovered = france ? france.after.coverage.CLSM.count - france.before.coverage.CLSM.count : 0;
  const blocks: ReportBlock[] = [
    {
      kind: 'paragraph',
      text: `Ce que changerait le scénario « ${name} » par rapport aux données actuelles, au ${compared.asOf.split('-').reverse().join('/')}. Rien n’est écrit dans les données tant qu’il n’est pas appliqué.`,
    },
    {
      kind: 'key-figures',
      figures: [
        { label: 'Constats levés', value: compared.findings.resolved.length, format: 'integer' },
        { label: 'Nouveaux constats', value: compared.findings.new.length, format: 'integer', detail: `${plural(compared.findings.unchangedCount, 'inchangé')}` },
        { label: 'Communes dont la couverture change', value: compared.coverage.length, format: 'integer' },
        { label: 'Population nouvellement couverte par un CLSM', value: newlyCovered, format: 'integer' },
      ],
    },
    {
      kind: 'table',
      title: 'Indicateurs avant → après',
      columns: [
        { label: 'Territoire', width: 3 },
        { label: 'CLSM actifs avant', format: 'integer' },
        { label: 'après', format: 'integer' },
        { label: 'Couverture CLSM avant', format: 'percent' },
        { label: 'après', format: 'percent' },
        { label: 'Communes sans CLSM avant', format: 'integer' },
        { label: 'après', format: 'integer' },
        { label: 'Avis dus avant', format: 'integer' },
        { label: 'après', format: 'integer' },
      ],
      rows: compared.indicators.map(({ before, after }) => indicatorRow(before, after)),
    },
    { kind: 'section', title: 'Constats levés par le scénario', blocks: [{ kind: 'findings', findings: compared.findings.resolved.map(reportFinding), empty: 'Aucun constat levé à cette date.' }] },
    { kind: 'section', title: 'Nouveaux constats du scénario', blocks: [{ kind: 'findings', findings: compared.findings.new.map(reportFinding), empty: 'Aucun nouveau constat à cette date.' }] },
    {
      kind: 'table',
      title: 'Avis des CLSM désormais attendus',
      columns: [{ label: 'PTSM', width: 2 }, { label: 'CLSM', width: 2 }, { label: 'Étape' }],
      rows: compared.avisExpected.map((a) => [a.ptsmName, a.clsmName, Object.hasOwn(AVIS_STAGE_LABELS, a.stage) ? capitalize(AVIS_STAGE_LABELS[a.stage as AvisStage]) : a.stage]),
      empty: 'Aucun nouvel avis attendu.',
    },
    coverageMap(compared),
    {
      kind: 'table',
      title: 'Communes dont la couverture change',
      columns: [{ label: 'Commune', width: 3 }, { label: 'Code' }, { label: 'Population', format: 'integer' }, { label: 'Désormais couverte par', width: 2 }, { label: 'Plus couverte par', width: 2 }],
      rows: compared.coverage.map((c) => [c.name, c.code, c.population, c.gained.join(', ') || null, c.lost.join(', ') || null]),
      empty: 'La couverture d’aucune commune ne change à cette date.',
    },
  ];
  return { kind: 'section', title: `Scénario « ${name} »`, blocks, pageBreakBefore: true };
}

function indicatorRow(before: AreaIndicators, after: AreaIndicators) {
  return [before.name, before.activeClsm, after.activeClsm, before.coverage.CLSM.percent, after.coverage.CLSM.percent, before.uncovered.count, after.uncovered.count, before.avis.expected, after.avis.expected];
}

function reportFinding(f: Finding): ReportFinding {
  return { severity: f.severity, title: RULES_BY_ID.get(f.rule)?.docs.title ?? f.rule, basis: BASIS_LABELS[f.basis], message: f.message, reference: f.reference, fix: f.fix.message };
}

/** The communes whose coverage changes, on the map of their départements (the others drawn unchanged). */
function coverageMap(compared: WrittenComparison): ReportBlock {
  if (compared.coverage.length === 0) return { kind: 'map', title: 'Communes dont la couverture change', placeholder: 'La couverture d’aucune commune ne change à cette date.' };
  const departements = [...new Set(compared.coverage.map((c) => c.departement))].sort().slice(0, 6);
  const shown = new Set(departements);
  const category = (c: ScenarioComparison['coverage'][number]) => (c.gained.includes('CLSM') ? 'clsm-gagne' : c.lost.includes('CLSM') ? 'clsm-perdu' : 'autre');
  return {
    kind: 'map',
    title: 'Communes dont la couverture change',
    data: {
      departements,
      categories: [...MAP_CATEGORIES, { id: 'inchangee', label: 'Couverture inchangée', colour: '#e5e5e5' }],
      communes: compared.coverage.filter((c) => shown.has(c.departement)).map((c) => ({ code: c.code, category: category(c) })),
      defaultCategory: 'inchangee',
    },
  };
}
