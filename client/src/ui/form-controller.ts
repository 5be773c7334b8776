// What the three editing forms share: validation as the user types (touched fields first, every
// field after a submit attempt) with the server's own schemas, the error summary, the save, and
// the explanation of a stale edit (409) with an offer to reload the current version.
import { capitalize, plural } from '../../../model/text.ts';
import { fieldLabel } from '../../../model/vocabulary.ts';
import { ApiError, records, type EntityBody, type EntityKind, type EntityRecord } from '../api.ts';
import type { AppContext } from '../context.ts';
import { alertBox, button, errorAlert, h, replace } from '../dom.ts';
import { changedFields, collectErrors, serverPath, type FieldErrors } from '../lib/forms.ts';
import { formatDateTime } from '../lib/format.ts';

export interface FormCallbacks {
  onDone(message: string, id: string): void;
  onCancel(): void;
}

export interface ErrorTarget {
  setError(message: string | undefined): void;
  focusTarget(): HTMLElement | null;
}

/** What a conflict explanation reads of a record. */
interface Versioned {
  version: number;
  updatedAt: string;
  data: unknown;
}

const ENTITY_LABEL: Record<EntityKind, { a: string; the: string; feminine: boolean }> = {
  mechanisms: { a: 'un dispositif', the: 'le dispositif', feminine: false },
  people: { a: 'une personne', the: 'la personne', feminine: true },
  links: { a: 'un lien', the: 'le lien', feminine: false },
};

/** The fields of a form as error targets, by the path each one edits (its data-field). */
export function targetsOf(fields: Record<string, ErrorTarget & { el: HTMLElement }>): Record<string, ErrorTarget> {
  return Object.fromEntries(Object.values(fields).map((f) => [f.el.dataset.field ?? '', f]));
}

export function formController<K extends EntityKind>(options: {
  ctx: AppContext;
  entity: K;
  record: EntityRecord<K> | null;
  fields: readonly string[];
  targets: Record<string, ErrorTarget>;
  build(): Record<string, unknown>;
  validate(candidate: Record<string, unknown>): FieldErrors;
  /** Put a record's values back into the form (reload after a conflict). */
  load(record: EntityRecord<K>): void;
  describe(candidate: Record<string, unknown>): string;
  callbacks: FormCallbacks;
}) {
  const { ctx, entity } = options;
  let record = options.record;
  let submitted = false;
  const touched = new Set<string>();
  const summary = h('div', { class: 'app-form__summary', tabindex: '-1' });
  const versionNote = h('p', { class: 'fr-text--xs app-mention' });
  const saveLabel = () => (record ? 'Enregistrer les modifications' : `Créer ${ENTITY_LABEL[entity].a}`);
  const saveButton = button(saveLabel(), () => {}, { type: 'submit' });
  const showVersion = () => (versionNote.textContent = record ? `Version ${record.version}, modifiée le ${formatDateTime(record.updatedAt)}` : '');
  showVersion();

  function check(all = false): FieldErrors {
    const errors = options.validate(options.build());
    for (const field of options.fields) options.targets[field]?.setError(all || submitted || touched.has(field) ? errors[field] : undefined);
    return errors;
  }

  async function submit(event: Event) {
    event.preventDefault();
    submitted = true;
    const candidate = options.build();
    const errors = check(true);
    if (Object.keys(errors).length) {
      replace(summary, errorSummary(errors, options.targets));
      summary.focus();
      return;
    }
    replace(summary);
    saveButton.disabled = true;
    saveButton.textContent = 'Enregistrement…';
    try {
      // The candidate passed the schemas the server checks (lib/forms.ts).
      const body = candidate as EntityBody<K>;
      const saved = record ? await records.update(entity, record.id, body, record.version) : await records.create(entity, body);
      ctx.invalidate();
      const done = `${record ? 'modifi' : 'cré'}${ENTITY_LABEL[entity].feminine ? 'ée' : 'é'}`;
      options.callbacks.onDone(`${capitalize(ENTITY_LABEL[entity].the)} « ${options.describe(saved.data as Record<string, unknown>)} » a été ${done} (version ${saved.version}).`, saved.id);
    } catch (error) {
      refused(error, candidate);
    } finally {
      saveButton.disabled = false;
      saveButton.textContent = saveLabel();
    }
  }

  function refused(error: unknown, candidate: Record<string, unknown>) {
    const stale = error instanceof ApiError && error.status === 409 && typeof error.body.current === 'object' && error.body.current !== null;
    // A 409 on a stale version carries the record as it is now.
    const current = stale ? ((error as ApiError).body.current as Versioned) : null;
    if (record !== null && current !== null) {
      const reload = () => {
        const now = current as EntityRecord<K>;
        record = now;
        options.load(now);
        showVersion();
        replace(summary, alertBox('info', 'Version actuelle rechargée', `Vous pouvez refaire vos modifications sur la version ${current.version}.`, { small: true }));
        touched.clear();
        submitted = false;
        check();
      };
      replace(summary, conflictAlert(record, current, candidate, reload, () => replace(summary)));
    } else {
      if (error instanceof ApiError && error.issues.length) {
        const errors = collectErrors(error.issues.map((i) => ({ path: serverPath(i.path), message: i.message })), options.fields);
        for (const [field, message] of Object.entries(errors)) options.targets[field]?.setError(message);
      }
      replace(summary, errorAlert(error, record ? 'La modification a été refusée' : 'La création a été refusée'));
    }
    summary.focus();
  }

  return {
    summary,
    versionNote,
    actions: h('div', { class: 'fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left app-form__actions' }, saveButton, button('Annuler', () => options.callbacks.onCancel(), { kind: 'secondary' })),
    /** Wire a form: validation as the user types, and the save. */
    attach(form: HTMLFormElement) {
      const onEdit = (event: Event) => {
        // The outermost field around the control: a row of working groups belongs to « governance.workingGroups ».
        let field: string | undefined;
        for (let el = (event.target as HTMLElement).closest<HTMLElement>('[data-field]'); el && form.contains(el); el = el.parentElement?.closest<HTMLElement>('[data-field]') ?? null) field = el.dataset.field;
        if (field) touched.add(field);
        check();
      };
      form.addEventListener('input', onEdit);
      form.addEventListener('change', onEdit);
      form.addEventListener('submit', submit);
    },
    check,
  };
}

/** « Le formulaire contient 2 erreurs », each a link to its field. */
function errorSummary(errors: FieldErrors, targets: Record<string, ErrorTarget>): HTMLElement {
  const entries = Object.entries(errors);
  return alertBox(
    'error',
    `Le formulaire contient ${plural(entries.length, 'erreur')}`,
    h(
      'ul',
      null,
      entries.map(([field, message]) => {
        const text = `${fieldLabel(field)} : ${message}`;
        const target = targets[field];
        if (!target) return h('li', null, text);
        const link = h('a', { href: '#', class: 'fr-link' }, text);
        link.addEventListener('click', (e) => {
          e.preventDefault();
          target.focusTarget()?.focus();
        });
        return h('li', null, link);
      }),
    ),
  );
}

/** Someone else saved the record meanwhile: what changed on each side, and the choice to reload. */
function conflictAlert(mine: Versioned, current: Versioned, candidate: Record<string, unknown>, reload: () => void, keep: () => void): HTMLElement {
  const theirs = changedFields(mine.data as Record<string, unknown>, current.data as Record<string, unknown>);
  const edited = changedFields(mine.data as Record<string, unknown>, candidate);
  const names = (paths: string[]) => paths.map((p) => fieldLabel(p).toLowerCase()).join(', ');
  return alertBox(
    'warning',
    'Quelqu’un a modifié cette fiche pendant que vous la modifiiez',
    h(
      'div',
      null,
      h('p', null, `Vous aviez ouvert la version ${mine.version} ; la version actuelle est la ${current.version} (enregistrée le ${formatDateTime(current.updatedAt)}). Vos modifications n’ont pas été enregistrées, pour ne pas effacer les siennes.`),
      theirs.length ? h('p', null, `Champs modifiés entre-temps : ${names(theirs)}.`) : null,
      edited.length ? h('p', null, `Vos modifications portaient sur : ${names(edited)}. Notez-les avant de recharger.`) : null,
    ),
    { actions: [button('Recharger la version actuelle', reload, { icon: 'fr-icon-refresh-line' }), ' ', button('Continuer sans recharger', keep, { kind: 'secondary' })] },
  );
}
