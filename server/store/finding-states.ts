// The findings' states (docs/etats.md): « vérifié » or « justifié », set by an account on the
// facts of the finding's subjects at that time, kept per finding identity (rule and subjects) in
// the finding_states table. Setting or clearing a state is a write like another: one transaction,
// checked by the writer's `authorize`, journaled (entity `findings`), undoable, a new data version.
import type { Kysely } from 'kysely';
import { RULES_BY_ID } from '../../model/rules/registry.ts';
import { factSource, findingFacts, type FindingStatus, type SetStatus, type StoredFindingState } from '../../model/states/index.ts';
import { canonicalJson } from '../canonical.ts';
import type { Tables } from '../db/schema.ts';
import { badRequest, conflict } from '../errors.ts';
import { writeAudit } from './journal.ts';
import { transact, type StoreContext, type Tx } from './transaction.ts';
import type { WriteContext } from './types.ts';

/** A finding's state as the journal keeps it (before and after): the stored state without its version, its facts as [subject|fact, fingerprint] pairs, its account by id. */
export type FindingStateData = Omit<StoredFindingState, 'facts' | 'by' | 'version'> & { facts: [string, string][]; by: number | null };

/** What a request sets: a finding (as the analysis found it) and its new state. */
export interface FindingStateInput {
  finding: string;
  rule: string;
  subjects: string[];
  departements: readonly string[];
  status: FindingStatus;
  comment?: string;
}

export interface FindingStateOutcome {
  /** The state stored now (null: « à traiter »). */
  state: StoredFindingState | null;
  dataVersion: number;
  changed: boolean;
}

/** Every stored state, with the name (or email) of the account that set it. */
export async function loadFindingStates(db: Kysely<Tables>): Promise<Map<string, StoredFindingState>> {
  const rows = await db
    .selectFrom('finding_states as s')
    .leftJoin('accounts as a', 'a.id', 's.set_by')
    .select(['s.finding', 's.rule', 's.subjects', 's.departements', 's.status', 's.comment', 's.facts', 's.set_by', 's.set_at', 's.version', 'a.name', 'a.email'])
    .orderBy('s.finding')
    .execute();
  const out = new Map<string, StoredFindingState>();
  for (const r of rows) {
    out.set(r.finding, {
      finding: r.finding,
      rule: r.rule,
      subjects: JSON.parse(r.subjects) as string[],
      departements: JSON.parse(r.departements) as string[],
      status: r.status,
      ...(r.comment !== null ? { comment: r.comment } : {}),
      facts: new Map(JSON.parse(r.facts) as [string, string][]),
      at: r.set_at,
      by: r.set_by === null ? null : { id: Number(r.set_by), name: r.name ?? r.email ?? null },
      version: r.version,
    });
  }
  return out;
}

/** The journal's form of a stored state. */
export function stateData(state: StoredFindingState): FindingStateData {
  return {
    finding: state.finding,
    rule: state.rule,
    subjects: state.subjects,
    departements: state.departements,
    status: state.status,
    ...(state.comment !== undefined ? { comment: state.comment } : {}),
    facts: [...state.facts],
    at: state.at,
    by: state.by?.id ?? null,
  };
}

/**
 * Set a finding's state (`a-traiter` clears it). `expectedVersion` is the version of the state
 * the client read (none: it read none); a stale one is refused (409, the current state in
 * `current`). The facts are fingerprinted on the state this write starts from.
 */
export function setFindingState(store: StoreContext, input: FindingStateInput, expectedVersion: number | undefined, ctx: WriteContext = {}): Promise<FindingStateOutcome> {
  return transact(
    store,
    async (tx) => {
      const current = tx.snap.states.get(input.finding);
      if ((current?.version ?? undefined) !== expectedVersion) {
        throw conflict(
          current
            ? `l’état de ce constat a été changé entre-temps (version ${current.version}${expectedVersion === undefined ? ', vous n’avez pas envoyé de version' : `, vous avez envoyé la version ${expectedVersion}`}) : relisez-le et recommencez`
            : `ce constat n’a plus d’état enregistré (vous avez envoyé la version ${expectedVersion}) : relisez-le et recommencez`,
          [{ path: 'version', message: current ? `version actuelle : ${current.version}` : 'aucun état enregistré' }],
          { current: current ? stateData(current) : null },
        );
      }
      const rule = RULES_BY_ID.get(input.rule);
      if (!rule) throw badRequest(`règle inconnue « ${input.rule} »`, [{ path: 'rule', message: 'règle inconnue' }]);
      if (input.status === 'justifie' && !input.comment?.trim()) {
        throw badRequest('un constat justifié demande un commentaire qui dit pourquoi', [{ path: 'comment', message: 'obligatoire pour « justifié »' }]);
      }
      const before = current ? stateData(current) : null;
      if (input.status === 'a-traiter') {
        if (!current) return { state: null, dataVersion: tx.snap.dataVersion, changed: false };
        tx.authorize({ op: 'delete', kind: 'findings', id: input.finding, before, snap: tx.snap });
        await deleteState(tx, input.finding);
        await writeAudit(tx, 'delete', 'findings', input.finding, before, null);
        return { state: null, dataVersion: tx.dataVersion, changed: true };
      }
      const after: FindingStateData = {
        finding: input.finding,
        rule: input.rule,
        subjects: input.subjects,
        departements: [...input.departements],
        status: input.status,
        ...(input.comment?.trim() ? { comment: input.comment.trim() } : {}),
        facts: [...findingFacts(rule.facts, input.subjects, factSource(tx.snap.model))],
        at: tx.at,
        by: tx.account === null ? null : Number(tx.account),
      };
      const same = (x: FindingStateData | null) => x !== null && canonicalJson({ ...x, at: null, by: null }) === canonicalJson({ ...after, at: null, by: null });
      if (same(before)) return { state: current!, dataVersion: tx.snap.dataVersion, changed: false };
      tx.authorize({ op: current ? 'update' : 'create', kind: 'findings', id: input.finding, before: before ?? undefined, after, snap: tx.snap });
      const state = await writeState(tx, after, current);
      await writeAudit(tx, current ? 'update' : 'create', 'findings', input.finding, before, after);
      return { state, dataVersion: tx.dataVersion, changed: true };
    },
    ctx,
  );
}

/** Write a state's row (insert, or update the current one) and record the change for the in-memory state. */
export async function writeState(tx: Tx, data: FindingStateData, current: StoredFindingState | undefined): Promise<StoredFindingState> {
  const version = (current?.version ?? 0) + 1;
  const row = {
    rule: data.rule,
    subjects: JSON.stringify(data.subjects),
    departements: JSON.stringify(data.departements),
    status: data.status,
    comment: data.comment ?? null,
    facts: JSON.stringify(data.facts),
    set_by: data.by,
    set_at: data.at,
    version,
  };
  if (current) await tx.db.updateTable('finding_states').set(row).where('finding', '=', data.finding).execute();
  else await tx.db.insertInto('finding_states').values({ finding: data.finding, ...row }).execute();
  const account = data.by === null ? undefined : await tx.db.selectFrom('accounts').select(['name', 'email']).where('id', '=', data.by).executeTakeFirst();
  const state: StoredFindingState = {
    finding: data.finding,
    rule: data.rule,
    subjects: data.subjects,
    departements: data.departements,
    status: data.status,
    ...(data.comment !== undefined ? { comment: data.comment } : {}),
    facts: new Map(data.facts),
    at: data.at,
    by: data.by === null ? null : { id: data.by, name: account?.name ?? account?.email ?? null },
    version,
  };
  tx.stateChanges.push({ id: data.finding, state });
  return state;
}

/** Remove a state's row (an undo of its creation). */
export async function deleteState(tx: Tx, finding: string): Promise<void> {
  await tx.db.deleteFrom('finding_states').where('finding', '=', finding).execute();
  tx.stateChanges.push({ id: finding, state: null });
}
