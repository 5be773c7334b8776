// The département report, built once from the model (STYLE.md, « one report model, several
// renderings »): the same findings, indicators and avis checklists as the API at the same date,
// written as a ReportDocument (model/report.ts) that the PDF writer lays out. Pure.
//
// Order (issue 15): cover; key figures with the yearly series; the map of coverage and zones
// blanches; findings by severity first, each with what it rests on, its reference and its fix;
// the avis checklist of every PTSM of the territory; the mechanisms with their coordinators,
// dates and links; the uncovered communes with their population.
import { statusAt } from './dates.ts';
import { communeCoverage, coverageMapData } from './coverage.ts';
import type { ArticulationModel, MechanismEntry } from './graph.ts';
import { computeIndicators, type AreaIndicators, type Indicators } from './indicators.ts';
import { avisCellText, coordinatorText, datedEvent, datesText, DATE_EVENTS, formatDateShort, linkDetails, linkTitle } from './labels.ts';
import { formatNumber, REPORT_FORMAT, type ReportBlock, type ReportChart, type ReportCover, type ReportDocument, type ReportFinding } from './report.ts';
import { RuleContext } from './rules/context.ts';
import { writeFinding } from './rules/engine.ts';
import { RULES_BY_ID } from './rules/registry.ts';
import { DEFAULT_SETTINGS, type Finding, type FindingRecord } from './rules/types.ts';
import { plural, theName } from './text.ts';
import {
  AVIS_STAGES,
  AVIS_STAGE_LABELS,
  BASIS_LABELS,
  INDICATOR_LABELS,
  LINK_KIND_LABELS,
  MECHANISM_KINDS,
  MECHANISM_STATUS_LABELS,
} from './vocabulary.ts';

/** What the caller knows and the model does not: when, by whom, on which data version. */
export interface ReportMeta {
  /** ISO date-time with Z or an offset. */
  generatedAt: string;
  /** As the reader's role allows: « Claire Martin (agent d’ARS) ». */
  generatedBy: string;
  /** « version 128 du 7 décembre 2026 ». */
  dataVersion: string;
  /** Extra notes for the cover (personal data shown as pseudonyms…). */
  notes?: string[];
}

export interface ReportInput {
  model: ArticulationModel;
  /** Département or région code. */
  code: string;
  asOf: string;
  /** Every finding at `asOf`, in the engine's order (the API's run for that date). */
  findings: readonly FindingRecord[];
  meta: ReportMeta;
}

const SUBTITLE = 'Articulation des CLS, CLSM et PTSM';
const READING_NOTE = 'Les constats sont des aides à l’analyse, pas des décisions : chacun dit sur quoi il repose (obligation légale, recommandation du référentiel ou incohérence des données).';

/** The findings touching some départements, written, in the engine's order (what the API's findings answer for them). */
export function findingsOf(model: ArticulationModel, records: readonly FindingRecord[], departements: readonly string[]): Finding[] {
  const wanted = new Set(departements);
  return records.filter((r) => r.departements.some((d) => wanted.has(d))).map((r) => writeFinding(r, model.nameOf));
}

/** A finding as the report writes it: the rule's French title, its basis in words, its reference and fix. */
export function reportFinding(f: Finding): ReportFinding {
  return { severity: f.severity, title: RULES_BY_ID.get(f.rule)?.docs.title ?? 'Constat', basis: BASIS_LABELS[f.basis], message: f.message, reference: f.reference, fix: f.fix.message };
}

export function reportCover(territory: string, input: Pick<ReportInput, 'asOf' | 'meta'>, notes: string[]): ReportCover {
  const { meta } = input;
  return { territory, subtitle: SUBTITLE, asOf: input.asOf, generatedAt: meta.generatedAt, generatedBy: meta.generatedBy, dataVersion: meta.dataVersion, notes: [...notes, ...(meta.notes ?? []), READING_NOTE] };
}

/** The key figures of an area: active CLSMs, coverage by kind, avis collected, zones blanches. */
export function keyFigures(area: AreaIndicators): ReportBlock {
  const coverage = (kind: 'CLSM' | 'CLS' | 'CPTS' | 'PTSM', id: 'couverture-clsm' | 'couverture-cls' | 'couverture-cpts' | 'couverture-ptsm') => ({
    label: INDICATOR_LABELS[id],
    value: area.coverage[kind].percent,
    format: 'percent' as const,
    detail: `${formatNumber(area.coverage[kind].count, 'integer')} sur ${plural(area.coverage[kind].total, 'habitant')}`,
  });
  const a = area.avis;
  return {
    kind: 'key-figures',
    figures: [
      { label: INDICATOR_LABELS['clsm-actifs'], value: area.activeClsm, format: 'integer', detail: 'chacun compté une fois, dans son département principal' },
      coverage('CLSM', 'couverture-clsm'),
      coverage('CLS', 'couverture-cls'),
      coverage('CPTS', 'couverture-cpts'),
      coverage('PTSM', 'couverture-ptsm'),
      {
        label: INDICATOR_LABELS.avis,
        value: a.completion,
        format: 'percent',
        detail: a.expected === 0 ? 'aucun avis encore dû' : `${a.received} sur ${plural(a.expected, 'avis dû', 'avis dus')}${a.awaited ? ` ; ${plural(a.awaited, 'attendu')} plus tard` : ''}`,
      },
      { label: 'Communes sans CLSM actif (zones blanches)', value: area.uncovered.count, format: 'integer', detail: `${plural(area.uncovered.population, 'habitant')}` },
    ],
  };
}

/** The yearly series of an area as two charts: coverage by kind (%), and active CLSMs. */
export function seriesCharts(indicators: Indicators, code: string): ReportChart[] {
  const years = indicators.series.map((s) => s.year);
  const areaOf = (i: number) => indicators.series[i].areas.find((a) => a.code === code);
  const values = (read: (a: AreaIndicators) => number | null) => years.map((_, i) => {
    const a = areaOf(i);
    return a ? read(a) : null;
  });
  const kinds = ['CLSM', 'CLS', 'CPTS', 'PTSM'] as const;
  return [
    {
      kind: 'chart',
      title: 'Part de la population couverte par au moins un dispositif actif de chaque type, au 31 décembre de chaque année',
      format: 'percent',
      years,
      series: kinds.map((kind) => ({ label: kind, values: values((a) => a.coverage[kind].percent) })),
    },
    { kind: 'chart', title: 'CLSM actifs, au 31 décembre de chaque année', format: 'integer', years, series: [{ label: INDICATOR_LABELS['clsm-actifs'], values: values((a) => a.activeClsm) }] },
  ];
}

/** The findings section: the counts in a sentence, then the findings grouped by severity first. */
export function findingsSection(findings: readonly Finding[], title = 'Constats'): ReportBlock {
  const reportFindings = findings.map(reportFinding);
  return {
    kind: 'section',
    title,
    pageBreakBefore: true,
    blocks: [
      { kind: 'paragraph', text: 'Par gravité, puis par la date qui a rendu chaque constat exigible, la plus récente d’abord.', style: 'note' },
      { kind: 'findings', findings: reportFindings, empty: 'Aucun constat à cette date.' },
    ],
  };
}

/** The avis checklist of each PTSM the area counts (active or in preparation): the indicators' list, so the rates are the same. */
function avisSection(model: ArticulationModel, ctx: RuleContext, area: AreaIndicators, asOf: string): ReportBlock {
  const blocks: ReportBlock[] = area.avis.ptsms.map((p) => {
    const checklist = ctx.avis(model.get(p.ptsm)!);
    const m = checklist.ptsm;
    const dates = [m.diagnosticAdopted && datedEvent(m.diagnosticAdopted, asOf, DATE_EVENTS.diagnosticAdopted), m.adopted && datedEvent(m.adopted, asOf, DATE_EVENTS.projectAdopted)].filter(Boolean).join(' ; ');
    const t = checklist.totals.all;
    const rate = checklist.completion === null ? 'aucun avis n’est encore dû' : `${formatNumber(checklist.completion, 'percent')} des avis dus reçus à temps (${t.received} sur ${t.expected})`;
    return {
      kind: 'section',
      title: m.name,
      blocks: [
        { kind: 'paragraph', text: `${MECHANISM_STATUS_LABELS[m.status as keyof typeof MECHANISM_STATUS_LABELS] ?? m.status}${dates ? ` ; ${dates}` : ''}. Avis : ${rate}${t.late ? `, ${t.late} en retard` : ''}${t.missing ? `, ${plural(t.missing, 'manquant')}` : ''}${t.awaited ? `, ${plural(t.awaited, 'attendu')} plus tard` : ''}.` },
        {
          kind: 'table',
          title: `Avis des CLSM sur ${theName(m.name)}`,
          columns: [{ label: 'CLSM', width: 2 }, ...AVIS_STAGES.map((s) => ({ label: `Avis sur le ${AVIS_STAGE_LABELS[s]}`, width: 3 }))],
          rows: checklist.rows.map((row) => [row.clsm.name, ...AVIS_STAGES.map((s) => avisCellText(row.stages[s]))]),
          empty: 'Aucun CLSM actif sur le territoire de ce PTSM : aucun avis n’est attendu.',
        },
      ],
    };
  });
  return {
    kind: 'section',
    title: 'Avis des CLSM sur les PTSM',
    pageBreakBefore: true,
    blocks: blocks.length ? blocks : [{ kind: 'paragraph', text: 'Aucun PTSM actif ou en préparation ne compte pour ce territoire à cette date.', style: 'note' }],
  };
}

/** The mechanisms touching the départements (existing at the date), with coordinators and dates, then their declared links. */
function mechanismsSection(model: ArticulationModel, departements: readonly string[], asOf: string): ReportBlock {
  const wanted = new Set(departements);
  const kindOrder = (e: MechanismEntry) => MECHANISM_KINDS.indexOf(e.mechanism.kind);
  const entries = model.entries
    .filter((e) => e.departements.some((d) => wanted.has(d)) && statusAt(e.mechanism, asOf) !== undefined)
    .sort((a, b) => kindOrder(a) - kindOrder(b) || a.mechanism.name.localeCompare(b.mechanism.name, 'fr'));
  const ids = new Set(entries.map((e) => e.mechanism.id));
  const links = model.links.filter((l) => ids.has(l.from) || ids.has(l.to));
  return {
    kind: 'section',
    title: 'Dispositifs et liens',
    pageBreakBefore: true,
    blocks: [
      {
        kind: 'table',
        title: `Dispositifs du territoire (${entries.length})`,
        columns: [{ label: 'Dispositif', width: 3 }, { label: 'Type' }, { label: 'Statut', width: 1.2 }, { label: 'Dates', width: 3 }, { label: 'Coordination', width: 3 }],
        rows: entries.map((e) => {
          const m = e.mechanism;
          const status = statusAt(m, asOf)!;
          return [
            m.name,
            m.kind,
            MECHANISM_STATUS_LABELS[status],
            datesText(m.dates, asOf) || null,
            m.coordinators?.length ? m.coordinators.map((c) => coordinatorText(model.nameOf(c.person), c.fte)).join(' ; ') : 'aucune déclarée',
          ];
        }),
        empty: 'Aucun dispositif enregistré sur ce territoire.',
      },
      {
        kind: 'table',
        title: `Liens déclarés (${links.length})`,
        columns: [{ label: 'Lien', width: 4 }, { label: 'Type', width: 2 }, { label: 'Précisions', width: 3 }],
        rows: links.map((l) => [linkTitle(l, model.nameOf), LINK_KIND_LABELS[l.kind], linkDetails(l, asOf) || null]),
        empty: 'Aucun lien déclaré.',
      },
    ],
  };
}

function uncoveredSection(area: AreaIndicators): ReportBlock {
  const u = area.uncovered;
  return {
    kind: 'section',
    title: 'Communes sans CLSM actif (zones blanches)',
    pageBreakBefore: true,
    blocks: [
      { kind: 'paragraph', text: `${plural(u.count, 'commune')} sans CLSM actif, ${plural(u.population, 'habitant')}, de la plus peuplée à la moins peuplée.` },
      {
        kind: 'table',
        columns: [{ label: 'Commune', width: 3 }, { label: 'Code INSEE' }, { label: 'Population', format: 'integer' }],
        rows: u.communes.map((c) => [c.name, c.code, c.population]),
        empty: 'Toutes les communes sont couvertes par un CLSM actif.',
      },
    ],
  };
}

/** The département report. */
export function buildDepartementReport(input: ReportInput): ReportDocument {
  const { model, code, asOf } = input;
  const t = model.territories;
  const name = t.departementName(code) ?? code;
  const indicators = computeIndicators(model, { asOf, level: 'departement', departements: [code] });
  const area = indicators.areas[0];
  const ctx = new RuleContext(model, asOf, DEFAULT_SETTINGS);
  const findings = findingsOf(model, input.findings, [code]);
  return {
    format: REPORT_FORMAT,
    title: `Rapport départemental — ${name}`,
    cover: reportCover(`${name} (${code})`, input, [
      `Dispositifs dont le territoire touche le département, constats, indicateurs et avis à la date du ${formatDateShort(asOf)}.`,
    ]),
    blocks: [
      { kind: 'section', title: 'Chiffres clés', blocks: [keyFigures(area), ...seriesCharts(indicators, code)] },
      {
        kind: 'section',
        title: 'Carte de la couverture',
        pageBreakBefore: true,
        blocks: [{ kind: 'map', title: `Couverture par les CLSM et zones blanches — ${name}`, data: coverageMapData(communeCoverage(model, { asOf, departements: [code] })) }],
      },
      findingsSection(findings),
      avisSection(model, ctx, area, asOf),
      mechanismsSection(model, [code], asOf),
      uncoveredSection(area),
    ],
  };
}
