// « Annuler » never undoes at once: a warning alert says what the undo restores, with « Confirmer
// l’annulation » (focused) and « Ne pas annuler » beside it. Used by the journal (a record's change,
// a whole import) and by the import assistant's last screen, which undo an import the same way.
import { plural } from '../../../model/text.ts';
import { api, json } from '../api.ts';
import { alertBox, button, errorAlert, h, replace } from '../dom.ts';

export interface UndoQuestion {
  /** « Annuler l’import n° 12 ? » */
  question: string;
  /** What the undo restores, in words. */
  text: string;
  /** The text's data-testid (for tests). */
  testid: string;
  /** Undoes; resolves to the success message. */
  run(): Promise<string>;
  /** The title of the error alert when the undo is refused or fails. */
  failure: string;
  /** After a success (the success message is already shown). */
  done?(): void;
}

/** The question inside `host`; the answer (success or refusal, with its issues) replaces it there. */
export function askBeforeUndo(host: HTMLElement, q: UndoQuestion): void {
  const run = async () => {
    confirm.disabled = true;
    try {
      const message = await q.run();
      replace(host, alertBox('success', message, undefined, { small: true }));
      q.done?.();
    } catch (error) {
      replace(host, errorAlert(error, q.failure));
    }
  };
  const confirm = button('Confirmer l’annulation', () => void run(), { icon: 'fr-icon-arrow-go-back-line' });
  const keep = button('Ne pas annuler', () => replace(host), { kind: 'secondary' });
  replace(host, alertBox('warning', q.question, h('p', { dataset: { testid: q.testid } }, q.text), { actions: [confirm, ' ', keep] }));
  confirm.focus();
}

/** Undoes a whole import by its step's journal entry; resolves to what came back: « 9 fiches remises dans leur état d’avant, en une seule étape ». */
export async function undoImport(seq: number): Promise<string> {
  const done = await json(api.audit[':seq'].undo.$post({ param: { seq: String(seq) } }));
  const diff = 'reverted' in done && done.reverted ? done.reverted.diff : undefined;
  const count = diff ? (['mechanisms', 'people', 'links'] as const).reduce((n, k) => n + diff[k].created.length + diff[k].updated.length + diff[k].removed.length, 0) : 0;
  return `${plural(count, 'fiche remise', 'fiches remises')} dans leur état d’avant, en une seule étape`;
}
