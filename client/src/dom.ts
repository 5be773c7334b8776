// A tiny hyperscript helper and the DSFR building blocks every view uses: alerts, loading and
// empty states, badges. No framework: views build DOM with h() and replace regions on change.
import { capitalize } from '../../model/text.ts';
import { ApiError } from './api.ts';

export type Child = Node | string | number | null | undefined | false | readonly Child[];
type Handler = (event: never) => void;
export type Props = {
  class?: string | (string | false | null | undefined)[];
  style?: string;
  dataset?: Record<string, string>;
  [key: string]: unknown;
};

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props) applyProps(el, props);
  append(el, children);
  return el;
}

/** SVG elements (charts). */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number | undefined> = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) el.setAttribute(k, String(v));
  append(el, children);
  return el;
}

function applyProps(el: HTMLElement, props: Props): void {
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') {
      el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : String(value);
    } else if (key === 'style') {
      el.setAttribute('style', String(value));
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value as Handler as EventListener);
    } else if (key.startsWith('aria-') || key.startsWith('data-') || key === 'role' || key === 'for' || key === 'list' || key === 'form' || !(key in el)) {
      el.setAttribute(key, value === true ? (key.startsWith('aria-') ? 'true' : '') : String(value));
    } else {
      (el as unknown as Record<string, unknown>)[key] = value;
    }
  }
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

let counter = 0;
/** A unique DOM id for label/aria associations. */
export function uid(prefix = 'id'): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

// ---------------------------------------------------------------------------------------
// DSFR blocks

export type AlertType = 'error' | 'success' | 'info' | 'warning';

export function alertBox(type: AlertType, title: string, body?: Child, options: { small?: boolean; actions?: Child } = {}): HTMLElement {
  return h(
    'div',
    { class: ['fr-alert', `fr-alert--${type}`, options.small && 'fr-alert--sm', 'fr-mb-3w'], role: type === 'error' ? 'alert' : 'status' },
    options.small ? null : h('h3', { class: 'fr-alert__title' }, title),
    options.small ? h('p', null, title) : null,
    body ? (typeof body === 'string' ? h('p', null, body) : body) : null,
    options.actions ? h('div', { class: 'app-alert-actions fr-mt-2w' }, options.actions) : null,
  );
}

/** An error (ApiError or anything thrown) as a DSFR error alert with its issues. */
export function errorAlert(error: unknown, title = 'Une erreur est survenue', actions?: Child): HTMLElement {
  const message = error instanceof Error ? error.message : String(error);
  const issues = error instanceof ApiError ? error.issues : [];
  return alertBox(
    'error',
    title,
    h(
      'div',
      null,
      h('p', null, capitalize(message)),
      // What to do about a refusal, whatever screen it happens on.
      error instanceof ApiError && error.status === 401
        ? h('p', { class: 'fr-text--sm' }, 'Votre session a expiré ou vous n’êtes pas connecté. ', h('a', { class: 'fr-link', href: `#/connexion?retour=${encodeURIComponent(location.hash)}` }, 'Se connecter'))
        : null,
      error instanceof ApiError && error.status === 403
        ? h('p', { class: 'fr-text--sm' }, 'Votre rôle ou votre périmètre ne permet pas cette action. Un administrateur de l’application peut modifier vos droits.')
        : null,
      issues.length
        ? h(
            'ul',
            { class: 'app-issues' },
            issues.slice(0, 50).map((i) => h('li', null, i.path && i.path !== '(corps)' ? h('code', null, i.path) : null, i.path && i.path !== '(corps)' ? ' : ' : null, i.message)),
            issues.length > 50 ? h('li', null, `… et ${issues.length - 50} autres`) : null,
          )
        : null,
    ),
    { actions },
  );
}

/**
 * A view's page: its heading (an h1, which the router focuses when the user arrives), a line that
 * says what the view shows, then its content.
 */
export function viewPage(options: { title: string; intro?: Child; class?: string }, ...children: Child[]): HTMLElement {
  return h(
    'div',
    { class: ['fr-container fr-py-4w', options.class] },
    h('h1', { class: 'fr-h3' }, options.title),
    options.intro ? h('p', { class: 'fr-text--sm app-mention' }, options.intro) : null,
    children,
  );
}

export function loading(text = 'Chargement…'): HTMLElement {
  return h('div', { class: 'app-loading', role: 'status', 'aria-live': 'polite' }, h('span', { class: 'app-spinner', 'aria-hidden': 'true' }), h('span', null, text));
}

/** An empty state that says what to do next. */
export function emptyState(title: string, text: Child, action?: Child): HTMLElement {
  return h('div', { class: 'fr-callout app-empty' }, h('h3', { class: 'fr-callout__title' }, title), h('div', { class: 'fr-callout__text' }, text), action ? h('div', { class: 'fr-mt-2w' }, action) : null);
}

export function badge(text: string, type?: 'error' | 'warning' | 'info' | 'success' | 'new', options: { small?: boolean; noIcon?: boolean } = {}): HTMLElement {
  return h('span', { class: ['fr-badge', type && `fr-badge--${type}`, options.small !== false && 'fr-badge--sm', options.noIcon && 'fr-badge--no-icon'] }, text);
}

export function button(label: Child, onClick: (event: MouseEvent) => void, options: { kind?: 'primary' | 'secondary' | 'tertiary' | 'tertiary-no-outline'; icon?: string; iconRight?: boolean; small?: boolean; title?: string; type?: 'button' | 'submit'; disabled?: boolean; attrs?: Props } = {}): HTMLButtonElement {
  const kind = options.kind ?? 'primary';
  return h(
    'button',
    {
      type: options.type ?? 'button',
      class: [
        'fr-btn',
        kind !== 'primary' && `fr-btn--${kind}`,
        options.small && 'fr-btn--sm',
        options.icon && options.icon,
        options.icon && (options.iconRight ? 'fr-btn--icon-right' : 'fr-btn--icon-left'),
      ],
      ...(options.title ? { title: options.title } : {}),
      ...(options.disabled ? { disabled: true } : {}),
      onclick: onClick,
      ...options.attrs,
    },
    label,
  );
}

/** Trigger a file download of a Blob. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename, style: 'display:none' });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Debounce a function (hover, search as you type). */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): ((...args: A) => void) & { cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const wrapped = (...args: A) => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn(...args);
    }, ms);
  };
  wrapped.cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return wrapped;
}

/** A progress bar (role=progressbar); indeterminate when value is null. */
export function progressBar(label: string): { el: HTMLElement; set(value: number | null, text?: string): void } {
  const bar = h('div', { class: 'app-progress__bar' });
  const text = h('span', { class: 'app-progress__text' }, label);
  const track = h('div', { class: 'app-progress__track', role: 'progressbar', 'aria-label': label, 'aria-valuemin': '0', 'aria-valuemax': '100' }, bar);
  const el = h('div', { class: 'app-progress', 'aria-live': 'polite' }, text, track);
  return {
    el,
    set(value, label2) {
      if (label2) text.textContent = label2;
      if (value === null) {
        track.classList.add('app-progress__track--indeterminate');
        track.removeAttribute('aria-valuenow');
        bar.style.width = '';
      } else {
        track.classList.remove('app-progress__track--indeterminate');
        const v = Math.max(0, Math.min(100, Math.round(value)));
        track.setAttribute('aria-valuenow', String(v));
        bar.style.width = `${v}%`;
      }
    },
  };
}
