// Undoing a journal entry, as a write like another (checked by the writer's `authorize`,
// journaled as `undo`, pointing to the entry): a record goes back to its state before the entry;
// an import's step undoes the whole import.
import { FORMAT } from '../../model/schema.ts';
import { canonicalJson, isObject } from '../canonical.ts';
import { conflict, notFound, type Issue } from '../errors.ts';
import { checkEntity } from './checks.ts';
import { deleteState, stateData, writeState, type FindingStateData } from './finding-states.ts';
import { planImport, writeImport } from './imports.ts';
import { entriesBetween, journalEntry, lastEntryOf, undoOfImport, writeAudit } from './journal.ts';
import { removeIn } from './records.ts';
import { insertRecord, nextPosition, transact, updateRecord, type StoreContext, type Tx } from './transaction.ts';
import { ENTITY_KINDS, ERASED_PREFIX, LABEL, MAX_PROBLEMS, type AuditEntry, type EntityKind, type EntityRecord, type UndoOutcome, type WriteContext } from './types.ts';

/**
 * Undo a journal entry: put its record back as it was before, if the entry is still the
 * record's last change and the record is still as the entry left it (else 409).
 * A person's deletion cannot be undone: their data was erased. An import's own entry (its step,
 * entity `dataset`) undoes the whole import (see undoImport).
 */
export function undoEntry(store: StoreContext, seq: number, ctx: WriteContext = {}): Promise<UndoOutcome> {
  return transact(
    store,
    async (tx) => {
      const entry = await journalEntry(tx.db, seq);
      if (!entry) throw notFound(`entrée du journal introuvable : n° ${seq}`);
      if (entry.entity === 'dataset') return undoImport(store, tx, entry);
      if (entry.entity === 'findings') return undoFindingState(tx, entry);
      const kind = entry.entity as EntityKind;
      if (!ENTITY_KINDS.includes(kind) || entry.entityId === null) {
        throw conflict('seule la modification d’un dispositif, d’une personne, d’un lien ou de l’état d’un constat peut être annulée, ou un import en entier', [{ path: 'seq', message: `entrée n° ${seq} : ${entry.action} de ${entry.entity}` }]);
      }
      const id = entry.entityId;
      if (kind === 'people' && (entry.after === null || id.startsWith(ERASED_PREFIX))) {
        throw conflict('une personne supprimée a été effacée : sa suppression ne peut pas être annulée', [{ path: 'seq', message: 'données effacées' }]);
      }
      const latest = await lastEntryOf(tx.db, kind, id);
      if (latest !== seq) {
        throw conflict(`${LABEL[kind].the} « ${id} » a été modifié${kind === 'people' ? 'e' : ''} depuis (entrée n° ${latest}) : seule sa dernière modification peut être annulée`, [
          { path: 'seq', message: `dernière modification : n° ${latest}` },
        ]);
      }
      const current = tx.snap.index[kind].get(id);
      const matches = entry.after === null ? current === undefined : current !== undefined && canonicalJson(current.data) === canonicalJson(entry.after);
      if (!matches) {
        throw conflict(`${LABEL[kind].the} « ${id} » ne correspond plus à cette entrée du journal : rien n’a été annulé`, [{ path: 'seq', message: 'état actuel différent' }], { current: current ?? null });
      }
      tx.undoOf = seq;
      let record: EntityRecord<unknown> | null;
      if (entry.before === null) {
        await removeIn(store, tx, kind, id, current!.version, {});
        record = null;
      } else if (current === undefined) {
        const data = checkEntity(store.territories, tx.snap, kind, entry.before, undefined);
        tx.authorize({ op: 'create', kind, id, after: data, snap: tx.snap });
        record = await insertRecord(tx, kind, id, data, await nextPosition(tx, kind));
        await writeAudit(tx, 'undo', kind, id, null, data);
      } else {
        tx.authorize({ op: 'update', kind, id, before: current.data, snap: tx.snap });
        const data = checkEntity(store.territories, tx.snap, kind, entry.before, id);
        tx.authorize({ op: 'update', kind, id, before: current.data, after: data, snap: tx.snap });
        record = await updateRecord(tx, kind, current, data);
        await writeAudit(tx, 'undo', kind, id, current.data, data);
      }
      return { undone: entry, record, dataVersion: tx.dataVersion };
    },
    ctx,
  );
}

/**
 * Undo a change of a finding's state: the state before comes back as it was (who, when, why, and
 * the facts it was set on), or goes if there was none; only its last change, and only while the
 * state is still as the entry left it.
 */
async function undoFindingState(tx: Tx, entry: AuditEntry): Promise<UndoOutcome> {
  const id = entry.entityId!;
  const latest = await lastEntryOf(tx.db, 'findings', id);
  if (latest !== entry.seq) {
    throw conflict(`l’état de ce constat a été changé depuis (entrée n° ${latest}) : seul son dernier changement peut être annulé`, [{ path: 'seq', message: `dernier changement : n° ${latest}` }]);
  }
  const current = tx.snap.states.get(id);
  const after = entry.after as FindingStateData | null;
  const matches = after === null ? current === undefined : current !== undefined && canonicalJson(stateData(current)) === canonicalJson(after);
  if (!matches) throw conflict('l’état de ce constat ne correspond plus à cette entrée du journal : rien n’a été annulé', [{ path: 'seq', message: 'état actuel différent' }]);
  const before = entry.before as FindingStateData | null;
  tx.undoOf = entry.seq;
  if (before === null) {
    tx.authorize({ op: 'delete', kind: 'findings', id, before: after!, snap: tx.snap });
    await deleteState(tx, id);
  } else {
    tx.authorize({ op: current ? 'update' : 'create', kind: 'findings', id, before: after ?? undefined, after: before, snap: tx.snap });
    await writeState(tx, before, current);
  }
  await writeAudit(tx, 'undo', 'findings', id, after, before);
  return { undone: entry, record: null, dataVersion: tx.dataVersion };
}

/**
 * Undo a whole import, its step's entry given: every record it created is deleted, every record
 * it changed or deleted is put back, in one transaction (one data version, one step of the
 * journal, action `undo` pointing to the import). Refused (409, nothing written) when any of its
 * records changed since and is not as the import left it (each named, with its latest entry:
 * undoing that change first makes the import undoable), when it deleted people (their data
 * was erased), when it was undone already, or when the state before it no longer holds together.
 */
async function undoImport(store: StoreContext, tx: Tx, step: AuditEntry): Promise<UndoOutcome> {
  const refuse = (message: string, issues: Issue[] = [], extra?: Record<string, unknown>) => conflict(message, issues.length ? issues : [{ path: 'seq', message: `entrée n° ${step.seq}` }], extra);
  if (step.action !== 'import') throw refuse(`l’entrée n° ${step.seq} n’est pas un import : seul un import s’annule d’un coup`);
  const undone = await undoOfImport(tx.db, step.seq);
  if (undone !== undefined) throw refuse(`cet import a déjà été annulé (entrée n° ${undone})`);
  // The step's record entries were written just before its own entry, in the same transaction (under the write lock: numbered without a gap).
  const counts = (isObject(step.after) && isObject(step.after.counts) ? step.after.counts : {}) as Record<string, { created?: number; updated?: number; removed?: number }>;
  const size = ENTITY_KINDS.reduce((n, k) => n + (counts[k]?.created ?? 0) + (counts[k]?.updated ?? 0) + (counts[k]?.removed ?? 0), 0);
  const rows = (await entriesBetween(tx.db, step.seq - size, step.seq)).map((r) => ({ ...r, entity: r.entity as EntityKind, entity_id: r.entity_id ?? '' }));
  if (rows.length !== size || rows.some((r) => r.data_version !== step.dataVersion || !ENTITY_KINDS.includes(r.entity))) throw refuse('les entrées de cet import sont incomplètes dans le journal : il ne peut pas être annulé d’un coup');
  if (rows.some((r) => r.entity === 'people' && r.entity_id.startsWith(ERASED_PREFIX))) {
    throw refuse('cet import a supprimé des personnes, dont les données ont été effacées : il ne peut pas être annulé');
  }
  const nameIn = (r: (typeof rows)[number]) => {
    const data = JSON.parse(r.after ?? r.before ?? '{}') as Record<string, unknown>;
    const current = tx.snap.index[r.entity].get(r.entity_id)?.data as Record<string, unknown> | undefined;
    return String(current?.name ?? current?.label ?? data.name ?? data.label ?? r.entity_id);
  };
  // A record changed since, unless a later write (an undo) put it back as the import left it.
  const leftAsImported = (r: (typeof rows)[number]) => {
    const current = tx.snap.index[r.entity].get(r.entity_id);
    return r.after === null ? current === undefined : current !== undefined && canonicalJson(current.data) === canonicalJson(JSON.parse(r.after));
  };
  const changed = rows.filter((r) => r.latest !== r.seq && !leftAsImported(r));
  const metaChanged = step.before !== null && isObject(step.after) && canonicalJson(step.after.meta) !== canonicalJson(tx.snap.meta);
  if (changed.length > 0 || metaChanged) {
    const issues = changed.map((r) => ({ path: `${LABEL[r.entity].one} « ${nameIn(r)} »`, message: `modifié${r.entity === 'people' ? 'e' : ''} depuis l’import (entrée n° ${r.latest})` }));
    if (metaChanged) issues.push({ path: 'jeu de données', message: 'titre ou périmètre modifiés depuis l’import' });
    throw refuse(
      `${issues.length} ${issues.length > 1 ? 'fiches ont changé' : 'fiche a changé'} depuis cet import : rien n’a été annulé ; annulez d’abord ces modifications, ou corrigez les fiches à la main`,
      issues,
      { changed: changed.map((r) => ({ entity: r.entity, id: r.entity_id, name: nameIn(r), entry: r.latest })) },
    );
  }
  // The dataset as it was before the import, for the records it touched; every other record as it is.
  const target: Record<string, unknown> = { format: FORMAT, ...(step.before !== null && isObject(step.before) ? step.before : tx.snap.meta) };
  for (const kind of ENTITY_KINDS) {
    const items = new Map<string, unknown>(tx.snap.records[kind].map((r) => [r.id, r.data]));
    for (const r of rows) {
      if (r.entity !== kind) continue;
      if (r.before === null) items.delete(r.entity_id);
      else items.set(r.entity_id, JSON.parse(r.before));
    }
    target[kind] = [...items.values()];
  }
  const plan = planImport(store, tx.snap, target, { mode: 'replace' }, tx.authorize);
  if (!plan.outcome.valid) {
    throw refuse(
      'l’état d’avant cet import ne tient plus : des fiches créées ou modifiées depuis en dépendent ; rien n’a été annulé',
      plan.outcome.problems.slice(0, MAX_PROBLEMS).map((p) => ({ path: p.path, message: p.message })),
    );
  }
  tx.undoOf = step.seq;
  const journalEntry = await writeImport(store, tx, tx.snap, plan.dataset!, plan.outcome.diff, { mode: 'replace', action: 'undo' });
  return { undone: step, record: null, dataVersion: tx.dataVersion, reverted: { journalEntry, diff: plan.outcome.diff } };
}
