// The avis checklist as rows, gauge and CSV (pure).
import type { AvisChecklist, AvisState } from '../../../model/avis.ts';
import { AVIS_STATE_LABELS } from '../../../model/avis.ts';
import { AVIS_OPINION_LABELS, AVIS_STAGES, AVIS_STAGE_LABELS, MECHANISM_STATUS_LABELS, type AvisOpinion, type MechanismStatus } from '../../../model/vocabulary.ts';
import { formatDate } from './format.ts';

export const OPINION_LABELS: Record<AvisOpinion, string> = AVIS_OPINION_LABELS;

export function opinionLabel(opinion: string | undefined): string {
  return opinion ? (OPINION_LABELS[opinion as AvisOpinion] ?? opinion) : '';
}

export function stateBadgeType(state: AvisState): 'success' | 'error' | 'warning' | 'info' | undefined {
  switch (state) {
    case 'received':
      return 'success';
    case 'missing':
      return 'error';
    case 'late':
      return 'warning';
    case 'awaited':
      return 'info';
    default:
      return undefined;
  }
}

/** Gauge level for the completion: DSFR success ≥ 100 %, warning ≥ 50 %, else error. */
export function completionLevel(completion: number | null): 'none' | 'error' | 'warning' | 'success' {
  if (completion === null) return 'none';
  if (completion >= 100) return 'success';
  if (completion >= 50) return 'warning';
  return 'error';
}

function csvCell(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[";\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The checklist as CSV for a spreadsheet: semicolon-separated (French locale), UTF-8 with a
 * byte-order mark so that Excel reads the accents, CRLF line ends.
 */
export function avisChecklistCsv(checklist: AvisChecklist): string {
  const header = ['PTSM', 'CLSM', 'Identifiant CLSM', 'Statut CLSM'];
  for (const stage of AVIS_STAGES) {
    const label = AVIS_STAGE_LABELS[stage];
    header.push(`Avis ${label} : état`, `Avis ${label} : date`, `Avis ${label} : sens`, `Avis ${label} : échéance`, `Avis ${label} : remarque`);
  }
  const lines = [header];
  for (const row of checklist.rows) {
    const line = [checklist.ptsm.name, row.clsm.name, row.clsm.id, MECHANISM_STATUS_LABELS[row.clsm.status as MechanismStatus] ?? row.clsm.status];
    for (const stage of AVIS_STAGES) {
      const s = row.stages[stage];
      line.push(AVIS_STATE_LABELS[s.state], s.link?.date ?? '', opinionLabel(s.link?.opinion), s.due ?? '', s.reason ?? '');
    }
    lines.push(line);
  }
  const t = checklist.totals.all;
  lines.push([]);
  lines.push(['Date de référence', checklist.asOf]);
  lines.push(['Avis dus', String(t.expected)], ['Reçus à temps', String(t.received)], ['En retard', String(t.late)], ['Manquants', String(t.missing)], ['Attendus plus tard', String(t.awaited)]);
  lines.push(['Complétude (%)', checklist.completion === null ? 'sans objet' : String(checklist.completion).replace('.', ',')]);
  return '\ufeff' + lines.map((l) => l.map(csvCell).join(';')).join('\r\n') + '\r\n';
}

export function avisCsvFilename(checklist: AvisChecklist): string {
  return `avis-${checklist.ptsm.id}-${checklist.asOf}.csv`;
}

/** One line describing a stage's status for a cell: "Reçu le 15 mars 2021 (favorable)". */
export function stageSummary(s: AvisChecklist['rows'][number]['stages']['projet']): string {
  const parts: string[] = [];
  if (s.link?.date) parts.push(`le ${formatDate(s.link.date)}`);
  if (s.link?.opinion) parts.push(`(${opinionLabel(s.link.opinion).toLowerCase()})`);
  if (s.state === 'missing' && s.due) parts.push(`attendu avant le ${formatDate(s.due)}`);
  if (s.state === 'late' && s.due) parts.push(`échéance : ${formatDate(s.due)}`);
  if (s.reason) parts.push(s.reason);
  return parts.join(' ');
}
