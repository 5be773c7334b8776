// The French text report of `npm run check`: findings grouped by severity then category,
// then the indicators of each département.
import { formatDateFr } from '../../model/dates.ts';
import { agree, formatInteger, plural } from '../../model/text.ts';
import type { ArticulationModel } from '../../model/graph.ts';
import type { Indicators, Share } from '../../model/indicators.ts';
import { CATEGORIES, CATEGORY_LABELS, SEVERITIES, SEVERITY_LABELS, type Finding } from '../../model/rules/types.ts';

const percent = (s: Share) => (s.percent === null ? 'n.d.' : `${String(s.percent).replace('.', ',')} %`);

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
  out.push(`Constats : ${findings.length} (${counts.join(', ')}).`, '');

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
        out.push(`      Réf. : ${f.reference}`);
      }
    }
    out.push('');
  }
  if (findings.length === 0) out.push('Aucun constat : les articulations déclarées sont conformes aux règles.', '');

  out.push('INDICATEURS');
  for (const a of indicators.areas) {
    out.push(`  ${a.name} (${a.code}) — ${formatInteger(a.population)} habitants`);
    out.push(`    CLSM actifs : ${a.activeClsm}`);
    out.push(`    Population couverte : CLSM ${percent(a.coverage.CLSM)}, CLS ${percent(a.coverage.CLS)}, CPTS ${percent(a.coverage.CPTS)}`);
    out.push(`    CLSM avec usagers et aidants au COPIL : ${percent(a.clsmUsersAndCarers)}${a.clsmUsersAndCarers.unknown ? ` (${a.clsmUsersAndCarers.unknown} non ${agree(a.clsmUsersAndCarers.unknown, 'renseigné')})` : ''}`);
    out.push(`    CLSM tenant une assemblée plénière annuelle : ${percent(a.clsmYearlyPlenary)}${a.clsmYearlyPlenary.unknown ? ` (${a.clsmYearlyPlenary.unknown} non ${agree(a.clsmYearlyPlenary.unknown, 'renseigné')})` : ''}`);
    for (const p of a.avis) {
      const completion = p.completion === null ? 'aucun avis attendu' : `${String(p.completion).replace('.', ',')} % reçus à temps`;
      out.push(`    Avis ${p.name} : ${plural(p.expected, 'attendu')}, ${plural(p.received, 'reçu')}, ${plural(p.missing, 'manquant')}, ${p.late} en retard, ${p.awaited} à venir (${completion})`);
    }
    const top = a.uncovered.communes.slice(0, 5).map((c) => `${c.name} (${formatInteger(c.population)})`);
    out.push(`    Zones blanches (sans CLSM) : ${plural(a.uncovered.count, 'commune')}, ${formatInteger(a.uncovered.population)} habitants${top.length ? ` — dont ${top.join(', ')}` : ''}`);
  }
  return `${out.join('\n')}\n`;
}
