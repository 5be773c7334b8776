// The French text report of `npm run check`: findings grouped by severity then category,
// then the indicators of each département.
import { formatDateFr } from '../../model/dates.ts';
import { agree, formatInteger, plural } from '../../model/text.ts';
import type { ArticulationModel } from '../../model/graph.ts';
import type { AreaIndicators, Indicators, KnownShare } from '../../model/indicators.ts';
import type { Finding } from '../../model/rules/types.ts';
import { countStates, FINDING_STATUS_LABELS, formatStateCounts } from '../../model/states/states.ts';
import { BASIS_LABELS, CATEGORIES, CATEGORY_LABELS, INDICATOR_LABELS, SEVERITIES, SEVERITY_LABELS } from '../../model/vocabulary.ts';

const percentText = (value: number | null) => (value === null ? 'n.d.' : `${String(value).replace('.', ',')} %`);

/** A governance share with both denominators: « 80 % des CLSM renseignés (4 sur 5), 66,7 % des actifs (4 sur 6, 1 non renseigné) ». */
const knownShareText = (s: KnownShare) =>
  `${percentText(s.percentOfKnown)} des CLSM renseignés (${s.count} sur ${s.known}), ${percentText(s.percentOfActive)} des CLSM actifs (${s.count} sur ${s.active}${s.unknown ? `, ${plural(s.unknown, 'non renseigné', 'non renseignés')}` : ''})`;

export function formatReport(
  model: ArticulationModel,
  findings: readonly Finding[],
  indicators: Indicators,
  options: { file: string; asOf: string; departement?: string },
): string {
  const out: string[] = [];
  const title = model.dataset.title ? ` « ${model.dataset.title} »` : '';
  out.push(`Vérification de ${options.file}${title} au ${formatDateFr(options.asOf)}${options.departement ? `, département ${options.departement}` : ''}`);
  out.push(`${plural(model.entries.length, 'dispositif')}, ${plural(model.people.size, 'personne')}, ${plural(model.links.length, 'lien')}.`);
  const counts = SEVERITIES.map((s) => plural(findings.filter((f) => f.severity === s).length, SEVERITY_LABELS[s].toLowerCase()));
  out.push(`Constats : ${findings.length} (${counts.join(', ')}).`);
  out.push(`États : ${formatStateCounts(countStates(findings))}.`, '');

  for (const severity of SEVERITIES) {
    const ofSeverity = findings.filter((f) => f.severity === severity);
    if (ofSeverity.length === 0) continue;
    out.push(`${SEVERITY_LABELS[severity].toUpperCase()} (${ofSeverity.length})`);
    for (const category of CATEGORIES) {
      const group = ofSeverity.filter((f) => f.category === category);
      if (group.length === 0) continue;
      out.push(`  ${CATEGORY_LABELS[category]} (${group.length})`);
      for (const f of group) {
        out.push(`    • [${f.rule}] ${f.message}`);
        out.push(`      → ${f.fix.message}`);
        out.push(`      ${BASIS_LABELS[f.basis]} — réf. : ${f.reference}`);
        if (f.state && f.state.status !== 'a-traiter') out.push(`      État : ${FINDING_STATUS_LABELS[f.state.status]}${f.state.at ? ` le ${formatDateFr(f.state.at.slice(0, 10))}` : ''}${f.state.by ? ` par ${f.state.by}` : ''}${f.state.comment ? ` — ${f.state.comment}` : ''}`);
        if (f.state?.reopened) out.push(`      Rouvert : ${f.state.reopened.message}`);
      }
    }
    out.push('');
  }
  if (findings.length === 0) out.push('Aucun constat : les articulations déclarées sont conformes aux règles.', '');

  out.push('INDICATEURS');
  for (const a of [...indicators.areas, indicators.france]) out.push(...areaLines(a));
  if (indicators.series.length > 1) {
    out.push('', 'ÉVOLUTION AU 31 DÉCEMBRE (France ; CLSM actifs, couverture CLSM)');
    for (const y of indicators.series) {
      const f = y.france;
      out.push(`  ${y.year}${y.asOf.endsWith('-12-31') ? '' : ` (au ${formatDateFr(y.asOf)})`} : ${f.activeClsm} CLSM ${agree(f.activeClsm, 'actif')}, ${percentText(f.coverage.CLSM.percent)} de la population couverte`);
    }
  }
  return `${out.join('\n')}\n`;
}

function areaLines(a: AreaIndicators): string[] {
  const out = [
    `  ${a.name}${a.level === 'france' ? '' : ` (${a.code})`} — ${formatInteger(a.population)} habitants`,
    `    CLSM actifs : ${a.activeClsm}`,
    `    Population couverte : CLSM ${percentText(a.coverage.CLSM.percent)}, CLS ${percentText(a.coverage.CLS.percent)}, CPTS ${percentText(a.coverage.CPTS.percent)}, PTSM ${percentText(a.coverage.PTSM.percent)}`,
    `    ${INDICATOR_LABELS['usagers-aidants']} : ${knownShareText(a.clsmUsersAndCarers)}`,
    `    ${INDICATOR_LABELS.pleniere} : ${knownShareText(a.clsmYearlyPlenary)}`,
  ];
  for (const p of a.avis.ptsms) {
    const completion = p.completion === null ? 'aucun avis dû' : `${percentText(p.completion)} reçus à temps`;
    out.push(`    Avis ${p.name} : ${plural(p.expected, 'dû', 'dus')}, ${plural(p.received, 'reçu')}, ${plural(p.missing, 'manquant')}, ${p.late} en retard, ${plural(p.awaited, 'attendu')} plus tard (${completion})`);
  }
  const top = a.uncovered.communes.slice(0, 5).map((c) => `${c.name} (${formatInteger(c.population)})`);
  out.push(`    Zones blanches (sans CLSM) : ${plural(a.uncovered.count, 'commune')}, ${formatInteger(a.uncovered.population)} habitants${top.length ? ` — dont ${top.join(', ')}` : ''}`);
  return out;
}
