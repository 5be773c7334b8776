// Undoing a journal entry: the record goes back to its state before the entry, as a write like
// another (checked by the writer's `authorize`, journaled as `undo`, pointing to the entry).
import { canonicalJson } from '../canonical.ts';
import { conflict, notFound } from '../errors.ts';
import { checkEntity } from './checks.ts';
import { journalEntry, lastEntryOf, writeAudit } from './journal.ts';
import { removeIn } from './records.ts';
import { insertRecord, nextPosition, transact, updateRecord, type StoreContext } from './transaction.ts';
import { ENTITY_KINDS, ERASED_PREFIX, LABEL, type AuditEntry, type EntityKind, type EntityRecord, type WriteContext } from './types.ts';

/**
 * Undo a journal entry: put its record back as it was before, if the entry is still the
 * record's last change and the record is still as the entry left it (else 409).
 * A person's deletion cannot be undone: their data was erased.
 */
export function undoEntry(store: StoreContext, seq: number, ctx: WriteContext = {}): Promise<{ undone: AuditEntry; record: EntityRecord<unknown> | null; dataVersion: number }> {
  return transact(
    store,
    async (tx) => {
      const entry = await journalEntry(tx.db, seq);
      if (!entry) throw notFound(`entrée du journal introuvable : n° ${seq}`);
      const kind = entry.entity as EntityKind;
      if (!ENTITY_KINDS.includes(kind) || entry.entityId === null) {
        throw conflict('seule la modification d’un dispositif, d’une personne ou d’un lien peut être annulée', [{ path: 'seq', message: `entrée n° ${seq} : ${entry.action} de ${entry.entity}` }]);
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
