// The avis checklist as rows, gauge and CSV (pure).
import type { AvisChecklist } from '../../../model/avis.ts';
import { formatDateShort } from '../../../model/labels.ts';
import { AVIS_OPINION_LABELS, AVIS_STAGES, AVIS_STAGE_LABELS, AVIS_STATE_LABELS, MECHANISM_STATUS_LABELS, type AvisOpinion, type AvisState, type MechanismStatus } from '../../../model/vocabulary.ts';

export function opinionLabel(opinion: AvisOpinion | undefined): string {
  return opinion ? AVIS_OPINION_LABELS[opinion] : '';
}

/** A mechanism's status in French (the checklist carries it as text). */
export function statusLabel(status: string): string {
  return Object.hasOwn(MECHANISM_STATUS_LABELS, status) ? MECHANISM_STATUS_LABELS[status as MechanismStatus] : status;
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

/** Dates in a CSV as French spreadsheets read them: 07/12/2026. */
const shortDate = (iso: string | undefined) => (iso ? formatDateShort(iso) : '');

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
    const line = [checklist.ptsm.name, row.clsm.name, row.clsm.id, statusLabel(row.clsm.status)];
    for (const stage of AVIS_STAGES) {
      const s = row.stages[stage];
      line.push(AVIS_STATE_LABELS[s.state], shortDate(s.link?.date), opinionLabel(s.link?.opinion), shortDate(s.due), s.reason ?? '');
    }
    lines.push(line);
  }
  const t = checklist.totals.all;
  lines.push([]);
  lines.push(['Date de référence', formatDateShort(checklist.asOf)]);
  lines.push(['Avis dus', String(t.expected)], ['Reçus à temps', String(t.received)], ['En retard', String(t.late)], ['Manquants', String(t.missing)], ['Attendus plus tard', String(t.awaited)]);
  lines.push(['Complétude (%)', checklist.completion === null ? 'sans objet' : String(checklist.completion).replace('.', ',')]);
  return '\ufeff' + lines.map((l) => l.map(csvCell).join(';')).join('\r\n') + '\r\n';
}

export function avisCsvFilename(checklist: AvisChecklist): string {
  return `avis-${checklist.ptsm.id}-${checklist.asOf}.csv`;
}
