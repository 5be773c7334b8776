// The région report: the région's key figures, then per département its key figures and its
// errors, pointing to the département reports for the rest (map, warnings and information, avis
// checklists, mechanisms, zones blanches). Built from the same model, findings and indicators as
// the département report and the API. Pure.
import { computeIndicators } from './indicators.ts';
import { formatDateShort } from './labels.ts';
import { formatNumber, REPORT_FORMAT, type ReportBlock, type ReportDocument } from './report.ts';
import { findingsOf, keyFigures, reportCover, reportFinding, seriesCharts, type ReportInput } from './report-build.ts';
import { plural } from './text.ts';

/** Where a département's own report is found: the API's address, with its date. */
export function departementReportPath(code: string, asOf: string): string {
  return `/api/report/departement/${code}.pdf?asOf=${asOf}`;
}

export function buildRegionReport(input: ReportInput): ReportDocument {
  const { model, code, asOf } = input;
  const t = model.territories;
  const name = t.regionName(code) ?? code;
  const departements = [...t.departementsOfRegion(code)].sort();
  const region = computeIndicators(model, { asOf, level: 'region', regions: [code] });
  const byDepartement = computeIndicators(model, { asOf, level: 'departement', departements, uncoveredLimit: 0, series: false });
  const summaryRows = byDepartement.areas.map((a) => {
    const findings = findingsOf(model, input.findings, [a.code]);
    const count = (severity: string) => findings.filter((f) => f.severity === severity).length;
    return [`${a.name} (${a.code})`, a.activeClsm, a.coverage.CLSM.percent, a.avis.completion, count('error'), count('warning'), count('info')];
  });
  const sections: ReportBlock[] = byDepartement.areas.map((a) => {
    const errors = findingsOf(model, input.findings, [a.code]).filter((f) => f.severity === 'error');
    return {
      kind: 'section',
      title: `${a.name} (${a.code})`,
      pageBreakBefore: true,
      blocks: [
        keyFigures(a),
        { kind: 'paragraph', text: `Erreurs : ${plural(errors.length, 'constat')} relevant d’une obligation légale. Le reste (carte, avertissements et informations, avis des CLSM, dispositifs et liens, zones blanches) est dans le rapport départemental : ${departementReportPath(a.code, asOf)}` },
        { kind: 'findings', findings: errors.map(reportFinding), empty: 'Aucune erreur à cette date.' },
      ],
    };
  });
  return {
    format: REPORT_FORMAT,
    title: `Rapport régional — ${name}`,
    cover: reportCover(`${name} (région ${code})`, input, [
      `Chiffres clés de la région et de chacun de ses ${plural(departements.length, 'département')}, et leurs erreurs, à la date du ${formatDateShort(asOf)}. Chaque département a son propre rapport, plus complet.`,
    ]),
    blocks: [
      {
        kind: 'section',
        title: 'Chiffres clés de la région',
        blocks: [
          keyFigures(region.areas[0]),
          ...seriesCharts(region, code),
          {
            kind: 'table',
            title: 'Par département',
            columns: [{ label: 'Département', width: 3 }, { label: 'CLSM actifs', format: 'integer' }, { label: 'Couverture CLSM', format: 'percent' }, { label: 'Avis reçus à temps', format: 'percent' }, { label: 'Erreurs', format: 'integer' }, { label: 'Avertissements', format: 'integer' }, { label: 'Informations', format: 'integer' }],
            rows: summaryRows,
          },
          { kind: 'paragraph', text: `Un pourcentage absent (« — ») n’est pas calculable : aucun avis dû, par exemple. Couverture de la région par les CLSM : ${formatNumber(region.areas[0].coverage.CLSM.percent, 'percent', 'non calculable')}.`, style: 'note' },
        ],
      },
      ...sections,
    ],
  };
}
