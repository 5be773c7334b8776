// A finding's state on its card (docs/etats.md): « À traiter », « Vérifié » or « Justifié », who set
// it and when, why, or why it came back (« Le territoire … a changé depuis la justification du … »),
// and, for an account that may, a small form to change it.
import { formatDateFr } from '../../../model/dates.ts';
import type { Finding } from '../../../model/rules/types.ts';
import { FINDING_STATUS_LABELS, FINDING_STATUSES, formatStateCounts, type FindingStatus } from '../../../model/states/states.ts';
import { api, json } from '../api.ts';
import type { AppContext } from '../context.ts';
import { alertBox, badge, button, errorAlert, h, replace, uid } from '../dom.ts';
import { countByState, statusOf } from '../lib/findings.ts';
import { can } from '../session.ts';

const BADGE: Record<FindingStatus, 'new' | 'success' | 'info'> = { 'a-traiter': 'new', verifie: 'success', justifie: 'info' };
const HELP: Record<FindingStatus, string> = {
  'a-traiter': 'Reste dans la liste des constats à traiter.',
  verifie: 'Toujours vrai, pris en main (par exemple : l’avis a été donné oralement, la lettre suit).',
  justifie: 'Accepté à dessein : dites pourquoi (obligatoire).',
};

const when = (at: string) => formatDateFr(at.slice(0, 10));

/** The state's badge, what it says, and the form to change it when the account may. */
export function findingState(f: Finding, ctx: AppContext, changed: (message: string) => void): HTMLElement {
  const status = statusOf(f);
  const state = f.state;
  const box = h('div', { class: 'app-finding__state', dataset: { state: status } });
  const summary = h(
    'div',
    null,
    h('p', { class: 'fr-text--sm fr-mb-1v' }, h('strong', null, 'État : '), badge(FINDING_STATUS_LABELS[status], BADGE[status], { small: true, noIcon: true }), state?.at ? ` depuis le ${when(state.at)}${state.by ? `, par ${state.by}` : ''}` : ''),
    state?.comment ? h('p', { class: 'fr-text--sm fr-mb-1v app-finding__comment' }, h('strong', null, 'Commentaire : '), state.comment) : null,
    state?.reopened
      ? h(
          'p',
          { class: 'fr-text--sm fr-mb-1v app-finding__reopened', role: 'note' },
          h('strong', null, 'Rouvert : '),
          state.reopened.message,
          state.reopened.comment ? ` (${FINDING_STATUS_LABELS[state.reopened.status].toLowerCase()} : « ${state.reopened.comment} »)` : '',
        )
      : null,
  );
  // The server decides (scope of the finding's subjects); here, only what surely is refused is hidden.
  const mayChange = can.write() && (f.subjects.length === 0 ? can.createMechanisms() : f.subjects.some((id) => can.editMechanism(id)));
  const toggle = mayChange
    ? button('Changer l’état', () => openForm(), { kind: 'tertiary', small: true, icon: 'fr-icon-edit-line', attrs: { 'aria-expanded': 'false' } })
    : null;
  const slot = h('div');
  const openForm = () => {
    toggle?.setAttribute('aria-expanded', 'true');
    if (toggle) toggle.hidden = true;
    replace(slot, stateForm(f, ctx, changed, () => {
      replace(slot);
      if (toggle) {
        toggle.hidden = false;
        toggle.setAttribute('aria-expanded', 'false');
        toggle.focus();
      }
    }));
  };
  replace(box, summary, toggle, slot);
  return box;
}

function stateForm(f: Finding, ctx: AppContext, changed: (message: string) => void, close: () => void): HTMLElement {
  const id = uid('etat');
  const current = statusOf(f);
  const radios = new Map<FindingStatus, HTMLInputElement>();
  const comment = h('textarea', { class: 'fr-input', id: `${id}-commentaire`, name: 'commentaire', rows: 3, maxlength: 2000 });
  comment.value = f.state?.comment ?? f.state?.reopened?.comment ?? '';
  const feedback = h('div', { 'aria-live': 'polite' });
  const save = async (event: Event) => {
    event.preventDefault();
    const status = FINDING_STATUSES.find((s) => radios.get(s)!.checked) ?? current;
    if (status === 'justifie' && !comment.value.trim()) {
      replace(feedback, alertBox('error', 'Commentaire obligatoire', h('p', null, 'Un constat justifié demande un commentaire qui dit pourquoi.'), { small: true }));
      comment.focus();
      return;
    }
    try {
      await json(
        api.findings[':id'].state.$put({
          param: { id: f.id },
          json: { status, ...(comment.value.trim() ? { comment: comment.value.trim() } : {}), ...(f.state?.version !== undefined ? { version: f.state.version } : {}), asOf: ctx.state().asOf },
        }),
      );
      changed(`Constat marqué « ${FINDING_STATUS_LABELS[status].toLowerCase()} ».`);
    } catch (error) {
      replace(feedback, errorAlert(error, 'L’état n’a pas été changé'));
    }
  };
  return h(
    'form',
    { class: 'app-finding__state-form fr-mt-1w', 'aria-label': 'Changer l’état du constat', onsubmit: (e: Event) => void save(e) },
    h(
      'fieldset',
      { class: 'fr-fieldset', 'aria-labelledby': `${id}-legend` },
      h('legend', { class: 'fr-fieldset__legend fr-text--sm', id: `${id}-legend` }, 'État du constat'),
      FINDING_STATUSES.map((s) => {
        const input = h('input', { type: 'radio', id: `${id}-${s}`, name: `${id}-statut`, value: s });
        input.checked = s === current;
        radios.set(s, input);
        return h(
          'div',
          { class: 'fr-fieldset__element' },
          h('div', { class: 'fr-radio-group fr-radio-group--sm' }, input, h('label', { class: 'fr-label', for: `${id}-${s}` }, FINDING_STATUS_LABELS[s], h('span', { class: 'fr-hint-text' }, HELP[s]))),
        );
      }),
    ),
    h('div', { class: 'fr-input-group' }, h('label', { class: 'fr-label', for: `${id}-commentaire` }, 'Commentaire', h('span', { class: 'fr-hint-text' }, 'Obligatoire pour « Justifié » ; 2 000 caractères au plus.')), comment),
    feedback,
    h('div', { class: 'fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm' }, button('Enregistrer', () => undefined, { type: 'submit', small: true }), button('Annuler', close, { kind: 'secondary', small: true })),
  );
}

/**
 * « Constats : 12 à traiter, 3 vérifiés, 2 justifiés », each count a link to the Constats view
 * filtered on that state (and on `subject` when given): the same counts as Constats and the API.
 */
export function stateSummary(ctx: AppContext, findings: readonly Pick<Finding, 'state'>[], options: { subject?: string } = {}): HTMLElement {
  const counts = countByState(findings);
  const words = formatStateCounts(counts).split(', ');
  return h(
    'p',
    { class: 'fr-text--sm fr-mb-1w app-state-counts', 'data-testid': 'etats' },
    h('strong', null, 'Constats : '),
    FINDING_STATUSES.map((s, i) => [
      i ? ', ' : '',
      h('a', { class: 'fr-link fr-text--sm', href: ctx.href({ view: 'constats', resetParams: true, params: { etat: s, sujet: options.subject ?? null } }) }, words[i]),
    ]),
  );
}

/** Fills `el` with the state summary of findings still loading (empty if they fail to load). */
export function showStateSummary(el: HTMLElement, ctx: AppContext, pending: Promise<readonly Pick<Finding, 'state'>[]>): void {
  pending.then(
    (findings) => replace(el, stateSummary(ctx, findings)),
    () => replace(el),
  );
}

/** A finding's state, read-only (the map's panel): its badge, who and when, why, or why it came back. */
export function stateNote(f: Finding): HTMLElement {
  const status = statusOf(f);
  const state = f.state;
  return h(
    'div',
    { class: 'app-finding__state', dataset: { state: status } },
    h('p', { class: 'fr-text--xs fr-mb-1v' }, h('strong', null, 'État : '), badge(FINDING_STATUS_LABELS[status], BADGE[status], { small: true, noIcon: true }), state?.at ? ` depuis le ${when(state.at)}${state.by ? `, par ${state.by}` : ''}` : ''),
    state?.comment ? h('p', { class: 'fr-text--xs fr-mb-1v' }, h('strong', null, 'Commentaire : '), state.comment) : null,
    state?.reopened ? h('p', { class: 'fr-text--xs fr-mb-1v app-finding__reopened' }, h('strong', null, 'Rouvert : '), state.reopened.message) : null,
  );
}
