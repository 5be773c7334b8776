// DSFR form fields with an error slot next to each (fr-error-text / fr-message--error), wired
// with aria-describedby so that screen readers read the message with the field.
import { h, uid, type Child } from '../dom.ts';

export interface Field<T> {
  el: HTMLElement;
  get(): T;
  set(value: T): void;
  setError(message: string | undefined): void;
  /** The element to focus for this field. */
  focusTarget(): HTMLElement | null;
}

/** A form's fields keyed by value name, whatever their value types (each is checked where it is built). */
type Fields = Record<string, Field<any>>;
export type FieldValues<F extends Fields> = { [K in keyof F]: ReturnType<F[K]['get']> };

/** Every field's value, keyed as the fields are. */
export function readFields<F extends Fields>(fields: F): FieldValues<F> {
  return Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, field.get()])) as FieldValues<F>;
}

/** Puts values back into the fields, in the fields' order. */
export function setFields<F extends Fields>(fields: F, values: FieldValues<F>): void {
  for (const [name, field] of Object.entries(fields)) field.set(values[name]);
}

function describe(control: HTMLElement, ids: string[]) {
  const list = ids.filter(Boolean).join(' ');
  if (list) control.setAttribute('aria-describedby', list);
  else control.removeAttribute('aria-describedby');
}

export function textField(options: { label: string; hint?: string; name: string; value?: string; type?: string; required?: boolean; placeholder?: string; autocomplete?: string; inputmode?: string; list?: string; readOnly?: boolean }): Field<string> & { input: HTMLInputElement } {
  const id = uid(options.name.replace(/\W/g, '-'));
  const hintId = options.hint ? `${id}-aide` : '';
  const errorId = `${id}-erreur`;
  const input = h('input', {
    class: 'fr-input',
    id,
    name: options.name,
    type: options.type ?? 'text',
    value: options.value ?? '',
    ...(options.required ? { required: true, 'aria-required': 'true' } : {}),
    ...(options.placeholder ? { placeholder: options.placeholder } : {}),
    ...(options.autocomplete ? { autocomplete: options.autocomplete } : {}),
    ...(options.inputmode ? { inputmode: options.inputmode } : {}),
    ...(options.list ? { list: options.list } : {}),
    ...(options.readOnly ? { readOnly: true } : {}),
  });
  const error = h('p', { class: 'fr-error-text', id: errorId, hidden: true });
  const el = h('div', { class: 'fr-input-group', dataset: { field: options.name } }, h('label', { class: 'fr-label', for: id }, options.label, options.required ? h('span', { 'aria-hidden': 'true' }, ' *') : null, options.hint ? h('span', { class: 'fr-hint-text', id: hintId }, options.hint) : null), input, error);
  describe(input, [hintId]);
  return {
    el,
    input,
    get: () => input.value,
    set: (value) => (input.value = value),
    setError(message) {
      error.textContent = message ?? '';
      error.hidden = !message;
      el.classList.toggle('fr-input-group--error', Boolean(message));
      input.classList.toggle('fr-input--error', Boolean(message));
      input.setAttribute('aria-invalid', message ? 'true' : 'false');
      describe(input, [hintId, message ? errorId : '']);
    },
    focusTarget: () => input,
  };
}

export function selectField(options: { label: string; hint?: string; name: string; options: { value: string; label: string; group?: string }[]; value?: string; required?: boolean; placeholder?: string }): Field<string> & { select: HTMLSelectElement; setOptions(opts: { value: string; label: string; group?: string }[]): void } {
  const id = uid(options.name.replace(/\W/g, '-'));
  const hintId = options.hint ? `${id}-aide` : '';
  const errorId = `${id}-erreur`;
  const select = h('select', { class: 'fr-select', id, name: options.name, ...(options.required ? { required: true, 'aria-required': 'true' } : {}) });
  const setOptions = (opts: { value: string; label: string; group?: string }[]) => {
    const current = select.value;
    select.replaceChildren();
    if (options.placeholder !== undefined) select.appendChild(h('option', { value: '' }, options.placeholder));
    const groups = new Map<string, HTMLOptGroupElement>();
    for (const o of opts) {
      const option = h('option', { value: o.value }, o.label);
      if (o.group) {
        let g = groups.get(o.group);
        if (!g) {
          g = h('optgroup', { label: o.group });
          groups.set(o.group, g);
          select.appendChild(g);
        }
        g.appendChild(option);
      } else select.appendChild(option);
    }
    select.value = current;
  };
  setOptions(options.options);
  select.value = options.value ?? '';
  const error = h('p', { class: 'fr-error-text', id: errorId, hidden: true });
  const el = h('div', { class: 'fr-select-group', dataset: { field: options.name } }, h('label', { class: 'fr-label', for: id }, options.label, options.required ? h('span', { 'aria-hidden': 'true' }, ' *') : null, options.hint ? h('span', { class: 'fr-hint-text', id: hintId }, options.hint) : null), select, error);
  describe(select, [hintId]);
  return {
    el,
    select,
    setOptions,
    get: () => select.value,
    set: (value) => (select.value = value),
    setError(message) {
      error.textContent = message ?? '';
      error.hidden = !message;
      el.classList.toggle('fr-select-group--error', Boolean(message));
      select.classList.toggle('fr-select--error', Boolean(message));
      select.setAttribute('aria-invalid', message ? 'true' : 'false');
      describe(select, [hintId, message ? errorId : '']);
    },
    focusTarget: () => select,
  };
}

function fieldsetShell(legend: string, hint: string | undefined, name: string, inline: boolean, content: Child) {
  const id = uid(name.replace(/\W/g, '-'));
  const messages = h('div', { class: 'fr-messages-group', id: `${id}-messages`, 'aria-live': 'polite' });
  const el = h(
    'fieldset',
    { class: 'fr-fieldset', id, 'aria-labelledby': `${id}-legend ${id}-messages`, dataset: { field: name } },
    h('legend', { class: 'fr-fieldset__legend fr-fieldset__legend--regular', id: `${id}-legend` }, legend, hint ? h('span', { class: 'fr-hint-text' }, hint) : null),
    h('div', { class: 'fr-fieldset__element app-fieldset__content' }, content),
    h('div', { class: 'fr-fieldset__element' }, messages),
  );
  if (inline) el.classList.add('app-fieldset--inline');
  return {
    id,
    el,
    setError(message: string | undefined) {
      messages.replaceChildren(...(message ? [h('p', { class: 'fr-message fr-message--error' }, message)] : []));
      el.classList.toggle('fr-fieldset--error', Boolean(message));
    },
  };
}

export function checkboxGroup(options: { legend: string; hint?: string; name: string; options: { value: string; label: string }[]; values?: string[]; inline?: boolean; small?: boolean }): Field<string[]> & { setOptions(opts: { value: string; label: string }[]): void } {
  const container = h('div', { class: 'app-fieldset__items' });
  const shell = fieldsetShell(options.legend, options.hint, options.name, Boolean(options.inline), container);
  let inputs: HTMLInputElement[] = [];
  let extra: string[] = [];
  const render = (opts: { value: string; label: string }[], values: string[]) => {
    const known = new Set(opts.map((o) => o.value));
    extra = values.filter((v) => !known.has(v));
    const all = [...opts, ...extra.map((v) => ({ value: v, label: v }))];
    inputs = [];
    container.replaceChildren(
      ...all.map((o) => {
        const id = `${shell.id}-${o.value.replace(/\W/g, '-')}`;
        const input = h('input', { type: 'checkbox', id, name: options.name, value: o.value, checked: values.includes(o.value) });
        inputs.push(input);
        return h('div', { class: ['fr-fieldset__element', options.inline && 'fr-fieldset__element--inline'] }, h('div', { class: ['fr-checkbox-group', options.small !== false && 'fr-checkbox-group--sm'] }, input, h('label', { class: 'fr-label', for: id }, o.label)));
      }),
    );
  };
  let currentOptions = options.options;
  render(currentOptions, options.values ?? []);
  const get = () => inputs.filter((i) => i.checked).map((i) => i.value);
  return {
    el: shell.el,
    get,
    set: (values) => render(currentOptions, values),
    setOptions(opts) {
      const values = get();
      currentOptions = opts;
      render(opts, values);
    },
    setError: shell.setError,
    focusTarget: () => inputs[0] ?? null,
  };
}

export function triRadio(options: { legend: string; hint?: string; name: string; value?: 'oui' | 'non' | ''; labels?: [string, string, string] }): Field<'oui' | 'non' | ''> {
  const labels = options.labels ?? ['Oui', 'Non', 'Non renseigné'];
  const container = h('div', { class: 'app-fieldset__items' });
  const shell = fieldsetShell(options.legend, options.hint, options.name, true, container);
  const values = ['oui', 'non', ''] as const;
  const inputs = values.map((v, i) => {
    const id = `${shell.id}-${v || 'inconnu'}`;
    const input = h('input', { type: 'radio', id, name: shell.id, value: v, checked: (options.value ?? '') === v });
    container.appendChild(h('div', { class: 'fr-fieldset__element fr-fieldset__element--inline' }, h('div', { class: 'fr-radio-group fr-radio-group--sm' }, input, h('label', { class: 'fr-label', for: id }, labels[i]))));
    return input;
  });
  return {
    el: shell.el,
    get: () => (inputs.find((i) => i.checked)?.value ?? '') as 'oui' | 'non' | '',
    set: (value) => inputs.forEach((i) => (i.checked = i.value === value)),
    setError: shell.setError,
    focusTarget: () => inputs[0],
  };
}

/** A fieldset wrapper with an error slot, for composite controls (territory, coordinators). */
export function compositeField(options: { legend: string; hint?: string; name: string; content: Child }): { el: HTMLElement; setError(message: string | undefined): void } {
  const shell = fieldsetShell(options.legend, options.hint, options.name, false, options.content);
  return { el: shell.el, setError: shell.setError };
}
