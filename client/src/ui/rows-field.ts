// A field made of repeatable rows (working groups, coordinators): each row's controls and a
// « Retirer » button, an « Ajouter » button under them, one error slot for the whole list.
import { button, h, replace, type Child } from '../dom.ts';
import type { Field } from './fields.ts';

export interface Row<R> {
  /** The row's labelled controls. */
  cells: HTMLElement[];
  read(): R;
}

export function rowsField<R>(options: {
  legend: string;
  /** The field's path, for its errors (`governance.workingGroups`). */
  name: string;
  addLabel: string;
  values: readonly R[];
  /** A row for a value (or an empty one). */
  row(value?: R): Row<R>;
  /** Called when a row is removed (the form validates again). */
  onChange(): void;
  extra?: Child;
}): Field<R[]> {
  let rows: { row: Row<R>; el: HTMLElement }[] = [];
  const list = h('div', { class: 'app-rows' });
  const add = (value?: R) => {
    const row = options.row(value);
    const entry = { row, el: h('div', { class: 'app-row' }, row.cells) };
    entry.el.appendChild(
      button('Retirer', () => {
        rows = rows.filter((r) => r !== entry);
        entry.el.remove();
        options.onChange();
      }, { kind: 'tertiary-no-outline', small: true, icon: 'fr-icon-delete-line' }),
    );
    rows.push(entry);
    list.appendChild(entry.el);
  };
  const set = (values: readonly R[]) => {
    rows = [];
    replace(list);
    values.forEach((v) => add(v));
  };
  set(options.values);
  const messages = h('div', { class: 'fr-messages-group', 'aria-live': 'polite' });
  const el = h(
    'fieldset',
    { class: 'fr-fieldset', dataset: { field: options.name } },
    h('legend', { class: 'fr-fieldset__legend fr-fieldset__legend--regular' }, options.legend),
    h('div', { class: 'fr-fieldset__element' }, list, h('div', { class: 'fr-mt-1w' }, button(options.addLabel, () => add(), { kind: 'secondary', small: true, icon: 'fr-icon-add-line' })), options.extra ?? null),
    h('div', { class: 'fr-fieldset__element' }, messages),
  );
  return {
    el,
    get: () => rows.map((r) => r.row.read()),
    set,
    setError(message) {
      replace(messages, message ? h('p', { class: 'fr-message fr-message--error' }, message) : null);
      el.classList.toggle('fr-fieldset--error', Boolean(message));
    },
    focusTarget: () => el.querySelector('input, select'),
  };
}
