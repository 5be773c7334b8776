// The journal's filters (in the URL: #/journal?compte=…&dispositif=…&du=…&au=…&entite=…&action=…)
// and the French reading of an entry. Pure.
import { agree, listFr } from '../../../model/text.ts';
import { AUDIT_ENTITY_LABELS, fieldLabel, type AuditEntity } from '../../../model/vocabulary.ts';
import type { AuditEntry, AuditQuery } from '../api.ts';
import { changedFields as changedKeys } from './forms.ts';

export const AUDIT_FILTERS = ['compte', 'dispositif', 'du', 'au', 'entite', 'action'] as const;
/** The form's filters, and `etape`: the data version of one write (an import's records), reached from its entry. */
export type AuditFilters = Partial<Record<(typeof AUDIT_FILTERS)[number] | 'etape', string>>;

export function auditFilters(params: Readonly<Record<string, string>>): AuditFilters {
  const out: AuditFilters = {};
  for (const key of [...AUDIT_FILTERS, 'etape'] as const) {
    const value = params[key]?.trim();
    if (value) out[key] = value;
  }
  return out;
}

/**
 * The API's query for these filters, one page of `limit` entries before `before`. An import is one
 * step (its records' entries left out) unless the filters look at records: a mechanism, a kind of
 * record, or the step itself.
 */
export function auditQuery(filters: AuditFilters, before?: number, limit = 50): AuditQuery {
  const steps = !filters.dispositif && !filters.entite && !filters.etape;
  const query: Record<string, string> = {
    account: filters.compte ?? '',
    mechanism: filters.dispositif ?? '',
    from: filters.du ?? '',
    to: filters.au ?? '',
    entity: filters.entite ?? '',
    action: filters.action ?? '',
    version: /^\d+$/.test(filters.etape ?? '') ? filters.etape! : '',
    steps: steps ? 'true' : '',
    limit: String(limit),
    before: before === undefined ? '' : String(before),
  };
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== '')) as AuditQuery;
}

const asRecord = (x: unknown): Record<string, unknown> => (x && typeof x === 'object' ? (x as Record<string, unknown>) : {});

/** What an entry changed, in French: « création », « suppression », or the fields that differ. */
export function describeChanges(e: Pick<AuditEntry, 'entity' | 'before' | 'after'>): string[] {
  if (e.entity === 'dataset') return importSummary(e.after);
  if (e.before === null) return e.after === null ? [] : ['création'];
  if (e.after === null) return ['suppression'];
  return changedKeys(asRecord(e.before), asRecord(e.after))
    .filter((k) => k !== 'id')
    .map((k) => (fieldLabel(k) === k ? k : fieldLabel(k).toLowerCase()));
}

const ENTITY_PLURALS: Partial<Record<AuditEntity, string>> = { mechanisms: 'dispositifs', people: 'personnes', links: 'liens' };

/** An import's summary entry: « dispositifs : 1 modifié ; liens : 2 créés ». */
export function importSummary(after: unknown): string[] {
  const counts = asRecord(asRecord(after).counts) as Record<string, { created: number; updated: number; removed: number }>;
  const part = (n: number, word: string) => (n ? `${n} ${agree(n, word)}` : '');
  return Object.entries(counts)
    .map(([entity, c]) => {
      const parts = [part(c.created, 'créé'), part(c.updated, 'modifié'), part(c.removed, 'supprimé')].filter(Boolean);
      return parts.length ? `${Object.hasOwn(ENTITY_PLURALS, entity) ? ENTITY_PLURALS[entity as AuditEntity] : entity} : ${listFr(parts)}` : '';
    })
    .filter(Boolean);
}

export function accountLabel(account: AuditEntry['account']): string {
  if (!account) return 'Système (jeu de démonstration ou console)';
  if (account.email === null) return `Compte n° ${account.id} (supprimé)`;
  return account.name ? `${account.name} (${account.email})` : account.email;
}

export function entityLabel(entity: string): string {
  return Object.hasOwn(AUDIT_ENTITY_LABELS, entity) ? AUDIT_ENTITY_LABELS[entity as AuditEntity] : entity;
}
