// The journal's filters (in the URL: #/journal?compte=…&dispositif=…&du=…&au=…&entite=…&action=…)
// and who wrote, in French; what an entry changed is in audit-changes.ts. Pure.
import { agree, listFr, plural } from '../../../model/text.ts';
import { AUDIT_ENTITY_LABELS, type AuditEntity } from '../../../model/vocabulary.ts';
import type { AuditEntry, AuditQuery } from '../api.ts';

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

/** Each kind of record as a counted noun, with the gender its participles agree with. */
const COUNTED: Partial<Record<AuditEntity, { noun: string; feminine: boolean }>> = {
  mechanisms: { noun: 'dispositif', feminine: false },
  people: { noun: 'personne', feminine: true },
  links: { noun: 'lien', feminine: false },
};

/** An import's summary entry, one line per kind: « 1 dispositif modifié », « 10 personnes créées », « 2 liens créés et 1 supprimé ». */
export function importSummary(after: unknown): string[] {
  const counts = asRecord(asRecord(after).counts);
  const participles = { created: 'créé', updated: 'modifié', removed: 'supprimé' } as const;
  const lines: string[] = [];
  for (const entity of ['mechanisms', 'people', 'links'] as const) {
    const c = asRecord(counts[entity]) as Partial<Record<keyof typeof participles, number>>;
    const { noun, feminine } = COUNTED[entity]!;
    const done = (Object.keys(participles) as (keyof typeof participles)[]).filter((key) => (c[key] ?? 0) > 0);
    // The noun once, with the first count: « 2 liens créés et 1 supprimé ».
    const parts = done.map((key, i) => {
      const n = c[key]!;
      const participle = agree(n, feminine ? `${participles[key]}e` : participles[key]);
      return i === 0 ? `${plural(n, noun)} ${participle}` : `${n} ${participle}`;
    });
    if (parts.length) lines.push(listFr(parts));
  }
  return lines;
}

export function accountLabel(account: AuditEntry['account']): string {
  if (!account) return 'Système (jeu de démonstration ou console)';
  if (account.email === null) return `Compte n° ${account.id} (supprimé)`;
  return account.name ? `${account.name} (${account.email})` : account.email;
}

export function entityLabel(entity: string): string {
  return Object.hasOwn(AUDIT_ENTITY_LABELS, entity) ? AUDIT_ENTITY_LABELS[entity as AuditEntity] : entity;
}
