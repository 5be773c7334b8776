// An accessible autocomplete (ARIA 1.2 combobox + listbox) styled with DSFR inputs: used by the
// network search and the territory picker. Keyboard: ↓/↑ to move, Entrée to choose, Échap to close.
import { plural } from '../../../model/text.ts';
import { debounce, h, uid } from '../dom.ts';

export interface ComboOption {
  id: string;
  label: string;
  detail?: string;
}

export interface ComboboxOptions {
  label: string;
  hint?: string;
  placeholder?: string;
  /** Called as the user types (debounced); may be async. */
  search: (query: string, signal: AbortSignal) => ComboOption[] | Promise<ComboOption[]>;
  onSelect: (option: ComboOption) => void;
  /** Clear the input after a choice (for multi-value pickers). */
  clearOnSelect?: boolean;
  delay?: number;
  minLength?: number;
  name?: string;
  /** Shown when nothing matches. */
  noResults?: string;
}

export interface Combobox {
  el: HTMLElement;
  input: HTMLInputElement;
  setError(message: string | null): void;
  close(): void;
  destroy(): void;
}

export function combobox(options: ComboboxOptions): Combobox {
  const inputId = uid('combo');
  const listId = `${inputId}-liste`;
  const hintId = `${inputId}-aide`;
  const errorId = `${inputId}-erreur`;
  const input = h('input', {
    class: 'fr-input',
    id: inputId,
    type: 'search',
    autocomplete: 'off',
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    ...(options.hint ? { 'aria-describedby': hintId } : {}),
    ...(options.placeholder ? { placeholder: options.placeholder } : {}),
    ...(options.name ? { name: options.name } : {}),
  });
  const list = h('ul', { class: 'app-combo__list', id: listId, role: 'listbox', 'aria-label': `Suggestions : ${options.label.toLowerCase()}`, hidden: true });
  const status = h('p', { class: 'fr-sr-only', 'aria-live': 'polite' });
  const error = h('p', { class: 'fr-error-text', id: errorId, hidden: true });
  const group = h(
    'div',
    { class: 'fr-input-group app-combo' },
    h('label', { class: 'fr-label', for: inputId }, options.label, options.hint ? h('span', { class: 'fr-hint-text', id: hintId }, options.hint) : null),
    h('div', { class: 'app-combo__wrap' }, input, list),
    error,
    status,
  );
  const setError = errorSetter(group, input, error, options.hint ? hintId : null);
  let results: ComboOption[] = [];
  let active = -1;
  let controller: AbortController | undefined;
  let destroyed = false;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const render = () => {
    list.replaceChildren();
    if (results.length === 0) {
      if (input.value.trim().length >= (options.minLength ?? 1)) {
        list.appendChild(h('li', { class: 'app-combo__empty', role: 'option', 'aria-disabled': 'true', 'aria-selected': 'false' }, options.noResults ?? 'Aucun résultat'));
        list.hidden = false;
        input.setAttribute('aria-expanded', 'true');
      } else close();
      status.textContent = input.value.trim() ? options.noResults ?? 'Aucun résultat' : '';
      return;
    }
    results.forEach((r, i) => {
      const li = h(
        'li',
        { id: `${listId}-${i}`, role: 'option', class: ['app-combo__option', i === active && 'app-combo__option--active'], 'aria-selected': i === active ? 'true' : 'false' },
        h('span', { class: 'app-combo__label' }, r.label),
        r.detail ? h('span', { class: 'app-combo__detail' }, r.detail) : null,
      );
      li.addEventListener('mousedown', (e) => e.preventDefault());
      li.addEventListener('click', () => choose(i));
      list.appendChild(li);
    });
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    if (active >= 0) input.setAttribute('aria-activedescendant', `${listId}-${active}`);
    else input.removeAttribute('aria-activedescendant');
    status.textContent = `${plural(results.length, 'résultat')} ; flèches haut et bas pour parcourir`;
  };
  const choose = (i: number) => {
    const option = results[i];
    if (!option) return;
    close();
    input.value = options.clearOnSelect ? '' : option.label;
    options.onSelect(option);
  };
  const run = debounce(async (query: string) => {
    controller?.abort();
    if (query.trim().length < (options.minLength ?? 1)) {
      results = [];
      close();
      return;
    }
    controller = new AbortController();
    const signal = controller.signal;
    try {
      const found = await options.search(query, signal);
      if (signal.aborted || destroyed) return;
      results = found;
      active = -1;
      setError(null);
      render();
    } catch (err) {
      if ((err as Error)?.name === 'AbortError' || destroyed) return;
      results = [];
      close();
      setError(`Recherche impossible : ${(err as Error).message}`);
    }
  }, options.delay ?? 120);

  input.addEventListener('input', () => run(input.value));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (list.hidden && input.value) run(input.value);
      if (results.length) {
        active = (active + 1) % results.length;
        render();
      }
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (results.length) {
        active = active <= 0 ? results.length - 1 : active - 1;
        render();
      }
    } else if (e.key === 'Enter') {
      if (!list.hidden && results.length) {
        e.preventDefault();
        choose(active >= 0 ? active : 0);
      }
    } else if (e.key === 'Escape') {
      if (!list.hidden) {
        e.preventDefault();
        close();
      }
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 150));

  return {
    el: group,
    input,
    setError,
    close,
    destroy() {
      destroyed = true;
      run.cancel();
      controller?.abort();
    },
  };
}

/** Show or clear the error of an input group, keeping its aria-describedby right. */
function errorSetter(group: HTMLElement, input: HTMLInputElement, error: HTMLElement, hintId: string | null): (message: string | null) => void {
  return (message) => {
    error.textContent = message ?? '';
    error.hidden = !message;
    group.classList.toggle('fr-input-group--error', Boolean(message));
    input.classList.toggle('fr-input--error', Boolean(message));
    const describedBy = [hintId ?? '', message ? error.id : ''].filter(Boolean).join(' ');
    if (describedBy) input.setAttribute('aria-describedby', describedBy);
    else input.removeAttribute('aria-describedby');
  };
}
