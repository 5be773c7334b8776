// A finding's state (docs/etats.md): « à traiter » by default, « vérifié » (still true, in hand) or
// « justifié » (accepted on purpose, with a reason), set by an account on the facts of the
// finding's subjects at that time. The state is kept per finding identity (rule and subjects), so
// it survives every recomputation; it reopens by itself, and says why, when those facts change.
import { formatDateFr } from '../dates.ts';
import { capitalize, listFr, ofName } from '../text.ts';
import { changedFacts, factWords, findingFacts, type Fact, type FactPrints, type FactSource } from './facts.ts';

export const FINDING_STATUSES = ['a-traiter', 'verifie', 'justifie'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
/** The states an account sets (« à traiter » is the absence of one). */
export type SetStatus = Exclude<FindingStatus, 'a-traiter'>;

export const FINDING_STATUS_LABELS: Record<FindingStatus, string> = { 'a-traiter': 'À traiter', verifie: 'Vérifié', justifie: 'Justifié' };
/** Counts as a sentence says them: « 12 à traiter, 3 vérifiés, 2 justifiés ». */
const COUNT_WORDS: Record<FindingStatus, [string, string]> = { 'a-traiter': ['à traiter', 'à traiter'], verifie: ['vérifié', 'vérifiés'], justifie: ['justifié', 'justifiés'] };
/** The act, for « depuis la justification du … ». */
const ACT_WORDS: Record<SetStatus, string> = { verifie: 'la vérification', justifie: 'la justification' };

/** A state as stored: who set it, when, why, and the facts it was set on. */
export interface StoredFindingState {
  /** The finding's id (rule and subjects, see findingId). */
  finding: string;
  rule: string;
  subjects: string[];
  /** Where the finding applies (scope checks, filters), as when the state was set. */
  departements: string[];
  status: SetStatus;
  comment?: string;
  facts: FactPrints;
  /** ISO instant. */
  at: string;
  /** The account that set it (its name or email; null once the account is deleted or for readers). */
  by: { id: number; name: string | null } | null;
  version: number;
}

/** A finding's state as a view shows it. */
export interface FindingState {
  status: FindingStatus;
  comment?: string;
  at?: string;
  by?: string | null;
  /** The stored state's version (to change it: 409 when stale); absent when none was ever set. */
  version?: number;
  /** A state set earlier that the facts no longer hold: what it was, and what changed. */
  reopened?: { status: SetStatus; comment?: string; at: string; by?: string | null; message: string; changes: { subject: string; fact: Fact }[] };
}

export type StateCounts = Record<FindingStatus, number>;

export const emptyStateCounts = (): StateCounts => ({ 'a-traiter': 0, verifie: 0, justifie: 0 });

/** How many findings in each state (a finding without one is « à traiter »): one count for every view. */
export function countStates(findings: Iterable<{ state?: Pick<FindingState, 'status'> }>): StateCounts {
  const counts = emptyStateCounts();
  for (const f of findings) counts[f.state?.status ?? 'a-traiter']++;
  return counts;
}

/** « 12 à traiter, 3 vérifiés, 2 justifiés » (every state named, even at 0). */
export function formatStateCounts(counts: StateCounts): string {
  return FINDING_STATUSES.map((s) => `${counts[s]} ${COUNT_WORDS[s][counts[s] >= 2 ? 1 : 0]}`).join(', ');
}

/** How a reopened state names a subject: a mechanism or person by name, a link by its title (model/labels.ts, subjectNamer). */
export type SubjectName = (id: string) => string;

/**
 * The state of a finding now: the stored one while its facts hold; otherwise « à traiter », with
 * what it was and a French explanation of what changed (« Le territoire du CLSM de Niort a
 * changé depuis la justification du 7 décembre 2026. »).
 */
export function resolveFindingState(stored: StoredFindingState | undefined, facts: readonly Fact[], source: FactSource, name: SubjectName): FindingState {
  if (!stored) return { status: 'a-traiter' };
  const by = stored.by ? stored.by.name : null;
  const changes = changedFacts(stored.facts, findingFacts(facts, stored.subjects, source));
  const kept = { ...(stored.comment !== undefined ? { comment: stored.comment } : {}), at: stored.at, by };
  if (changes.length === 0) return { status: stored.status, ...kept, version: stored.version };
  return {
    status: 'a-traiter',
    version: stored.version,
    reopened: { status: stored.status, ...kept, message: reopenMessage(stored, changes, name), changes: changes.map(([subject, fact]) => ({ subject, fact })) },
  };
}

function reopenMessage(stored: StoredFindingState, changes: readonly [string, Fact][], name: SubjectName): string {
  // A link is named by what it is (« le lien « Avis du CLSM de Niort sur le PTSM … » »), the others by whose fact changed.
  const parts = changes.map(([subject, fact]) => (fact === 'link' ? `le lien « ${name(subject)} »` : `${factWords(fact).words} ${ofName(name(subject))}`));
  const plural = changes.length > 1 || factWords(changes[0][1]).plural;
  return `${capitalize(listFr(parts))} ${plural ? 'ont' : 'a'} changé depuis ${ACT_WORDS[stored.status]} du ${formatDateFr(stored.at.slice(0, 10))} : à revoir.`;
}
