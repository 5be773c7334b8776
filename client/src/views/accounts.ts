// Comptes (administrators): create accounts with a role and a scope, change them, disable,
// reset a password (shown once), delete.
import { ACCOUNT_ROLE_HINTS, ACCOUNT_ROLE_LABELS } from '../../../model/vocabulary.ts';
import { agree, capitalize } from '../../../model/text.ts';
import { api, ApiError, cancellable, json, type AccountScope, type AccountView, type Role } from '../api.ts';
import type { View, ViewFactory } from '../context.ts';
import { alertBox, button, emptyState, errorAlert, h, replace, uid, viewPage } from '../dom.ts';
import { formatDay } from '../lib/format.ts';
import { DEPARTEMENTS, REGIONS } from '../lib/territories.ts';
import { Loader } from '../load.ts';
import { session } from '../session.ts';

/** The roles in the form, from the fewest rights to the most. */
const ROLE_ORDER: readonly Role[] = ['lecteur', 'coordinateur', 'ars', 'admin'];

const codes = (text: string) => text.split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean);

/** The scope fields of a role, from the form's three lists. */
export function scopeFor(role: Role, regions: string, departements: string, mechanisms: string): AccountScope {
  if (role === 'ars') return { ...(codes(regions).length ? { regions: codes(regions) } : {}), ...(codes(departements).length ? { departements: codes(departements) } : {}) };
  if (role === 'coordinateur') return { mechanisms: codes(mechanisms) };
  return {};
}

/** A new password, shown once. */
function oncePassword(password: string, email: string): HTMLElement {
  return alertBox(
    'warning',
    'Mot de passe à transmettre',
    h('div', null, h('p', null, `Mot de passe de ${email}, affiché une seule fois : `, h('code', { class: 'app-secret', 'data-testid': 'mot-de-passe' }, password)), h('p', { class: 'fr-text--sm' }, 'Transmettez-le par un canal sûr ; la personne pourra le faire remplacer.')),
  );
}

interface Page {
  flash: HTMLElement;
  editor: HTMLElement;
  reload(): void;
}

export const accountsView: ViewFactory = (root): View => {
  const flash = h('div', { 'aria-live': 'polite' });
  const editor = h('div');
  const list = h('div');
  const loader = Loader.into(list);
  const page: Page = {
    flash,
    editor,
    reload: () =>
      void loader.run({
        loading: 'Chargement des comptes…',
        failure: 'La liste des comptes n’a pas pu être chargée',
        fetch: (signal) => json(api.accounts.$get(undefined, cancellable(signal))),
        done: ({ items }) => replace(list, accountsTable(items, page)),
      }),
  };
  replace(
    root,
    viewPage(
      { title: 'Comptes', intro: 'Les rôles et périmètres décident de ce que chacun peut modifier. Un compte sans mot de passe se connecte seulement par ProConnect, avec son adresse électronique.', class: 'app-accounts' },
      flash,
      h('p', null, button('Créer un compte', () => openEditor(null, page), { icon: 'fr-icon-add-line' })),
      editor,
      list,
    ),
  );
  page.reload();
  return { update() {}, destroy: () => loader.destroy() };
};

/** Run a change, then say so and reload the list (or say why it was refused). */
async function act<T>(page: Page, run: () => Promise<T>, done: string | ((result: T) => HTMLElement)): Promise<void> {
  try {
    const result = await run();
    replace(page.flash, typeof done === 'string' ? alertBox('success', done, undefined, { small: true }) : done(result));
    page.reload();
  } catch (error) {
    replace(page.flash, errorAlert(error, 'La modification a été refusée'));
  }
}

function accountsTable(items: AccountView[], page: Page): HTMLElement {
  if (!items.length) return emptyState('Aucun compte', 'Créez le premier compte avec le bouton ci-dessus.');
  return h(
    'div',
    { class: 'fr-table fr-table--sm app-accounts__table' },
    h(
      'table',
      null,
      h('caption', null, `${items.length} ${agree(items.length, 'compte')}`),
      h('thead', null, h('tr', null, ['Adresse', 'Nom', 'Rôle et périmètre', 'Connexion', 'État', 'Dernière connexion', 'Actions'].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', null, items.map((a) => accountRow(a, page))),
    ),
  );
}

function accountRow(a: AccountView, page: Page): HTMLElement {
  const mine = a.id === session.account()?.id;
  const param = { id: String(a.id) };
  const small = (label: string, run: () => void, icon: string | undefined, ariaLabel: string) => button(label, run, { kind: 'tertiary', small: true, ...(icon ? { icon } : {}), attrs: { 'aria-label': ariaLabel } });
  return h(
    'tr',
    { dataset: { id: String(a.id), email: a.email } },
    h('th', { scope: 'row' }, a.email),
    h('td', null, a.name ?? '—'),
    h('td', null, a.roleLabel, a.role === 'ars' || a.role === 'coordinateur' ? h('span', { class: 'fr-text--xs app-mention' }, h('br'), a.scopeLabel) : null),
    h('td', null, [a.hasPassword ? 'mot de passe' : '', a.oidcLinked ? 'ProConnect' : ''].filter(Boolean).join(', ') || 'ProConnect (jamais connecté)'),
    h('td', null, a.disabled ? 'désactivé' : 'actif'),
    h('td', null, formatDay(a.lastLoginAt)),
    h(
      'td',
      { class: 'app-actions' },
      small('Modifier', () => openEditor(a, page), 'fr-icon-edit-line', `Modifier le compte ${a.email}`),
      mine
        ? null
        : small(a.disabled ? 'Réactiver' : 'Désactiver', () => void act(page, () => api.accounts[':id'].$patch({ param, json: { disabled: !a.disabled } }), `${a.email} : compte ${a.disabled ? 'réactivé' : 'désactivé'}.`), undefined, `${a.disabled ? 'Réactiver' : 'Désactiver'} le compte ${a.email}`),
      small('Mot de passe', () => void act(page, () => json(api.accounts[':id'].password.$post({ param, json: { generate: true } })), (r) => (r.password ? oncePassword(r.password, a.email) : alertBox('success', `${a.email} : mot de passe changé.`, undefined, { small: true }))), 'fr-icon-lock-line', `Nouveau mot de passe pour ${a.email}`),
      mine ? null : small('Supprimer', () => confirmDelete(a, page), 'fr-icon-delete-line', `Supprimer le compte ${a.email}`),
    ),
  );
}

function confirmDelete(a: AccountView, page: Page): void {
  const confirm = button('Supprimer le compte', () => void act(page, () => api.accounts[':id'].$delete({ param: { id: String(a.id) } }), `Compte ${a.email} supprimé.`), { icon: 'fr-icon-delete-line' });
  replace(
    page.flash,
    alertBox('warning', `Supprimer le compte ${a.email} ?`, h('p', null, 'Ses sessions et ses jetons d’accès sont supprimés avec lui ; le journal ne garde que son numéro. Pour suspendre l’accès sans effacer le compte, désactivez-le plutôt.'), {
      actions: [confirm, ' ', button('Annuler', () => replace(page.flash), { kind: 'secondary' })],
    }),
  );
  confirm.focus();
}

/** The fields of the account form. */
function accountFields(a: AccountView | null) {
  const ids = { email: uid('email'), name: uid('nom'), role: uid('role'), regions: uid('regions'), deps: uid('departements'), mechs: uid('dispositifs'), pw: uid('mdp') };
  const input = (id: string, name: string, value: string, type = 'text') => h('input', { class: 'fr-input', type, id, name, value });
  const fields = {
    ids,
    email: Object.assign(input(ids.email, 'email', a?.email ?? '', 'email'), { required: true }),
    name: input(ids.name, 'name', a?.name ?? ''),
    role: h('select', { class: 'fr-select', id: ids.role, name: 'role' }, ROLE_ORDER.map((r) => h('option', { value: r }, `${capitalize(ACCOUNT_ROLE_LABELS[r])} — ${ACCOUNT_ROLE_HINTS[r]}`))),
    regions: input(ids.regions, 'regions', a?.scope.regions?.join(', ') ?? ''),
    deps: input(ids.deps, 'departements', a?.scope.departements?.join(', ') ?? ''),
    mechs: input(ids.mechs, 'mechanisms', a?.scope.mechanisms?.join(', ') ?? ''),
    generate: h('input', { type: 'checkbox', id: ids.pw, name: 'generate', checked: a === null }),
  };
  fields.role.value = a?.role ?? 'lecteur';
  return fields;
}

function openEditor(a: AccountView | null, page: Page): void {
  const f = accountFields(a);
  const group = (id: string, label: string, control: HTMLElement, hint?: string) =>
    h('div', { class: 'fr-input-group' }, h('label', { class: 'fr-label', for: id }, label, hint ? h('span', { class: 'fr-hint-text' }, hint) : null), control);
  const arsFields = h(
    'div',
    { class: 'app-accounts__scope' },
    group(f.ids.regions, 'Régions', f.regions, `Codes séparés par des virgules, ex. : 75 (${REGIONS.find((r) => r.code === '75')?.name ?? 'Nouvelle-Aquitaine'})`),
    group(f.ids.deps, 'Départements', f.deps, `Codes séparés par des virgules, ex. : 79 (${DEPARTEMENTS.find((d) => d.code === '79')?.name ?? 'Deux-Sèvres'}), 86`),
  );
  const coordFields = group(f.ids.mechs, 'Dispositifs', f.mechs, 'Identifiants séparés par des virgules, ex. : clsm-niort');
  const syncScope = () => {
    arsFields.hidden = f.role.value !== 'ars';
    coordFields.hidden = f.role.value !== 'coordinateur';
  };
  f.role.addEventListener('change', syncScope);
  syncScope();
  const messages = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'app-form fr-mb-4w', 'aria-labelledby': `${f.ids.email}-titre`, novalidate: true },
    h('h2', { class: 'fr-h5', id: `${f.ids.email}-titre` }, a ? `Modifier le compte ${a.email}` : 'Nouveau compte'),
    messages,
    group(f.ids.email, 'Adresse électronique *', f.email, 'Identifiant de connexion, et adresse reconnue par ProConnect'),
    group(f.ids.name, 'Nom', f.name),
    h('div', { class: 'fr-select-group' }, h('label', { class: 'fr-label', for: f.ids.role }, 'Rôle *'), f.role),
    arsFields,
    coordFields,
    a === null
      ? h('div', { class: 'fr-checkbox-group fr-mb-3w' }, f.generate, h('label', { class: 'fr-label', for: f.ids.pw }, 'Générer un mot de passe', h('span', { class: 'fr-hint-text' }, 'Décochez pour un compte qui se connecte seulement par ProConnect')))
      : null,
    h('div', { class: 'fr-btns-group fr-btns-group--inline-md' }, button(a ? 'Enregistrer' : 'Créer le compte', () => {}, { type: 'submit' }), button('Annuler', () => replace(page.editor), { kind: 'secondary' })),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void saveAccount(a, f, page, messages);
  });
  replace(page.editor, form);
  f.email.focus();
}

async function saveAccount(a: AccountView | null, f: ReturnType<typeof accountFields>, page: Page, messages: HTMLElement): Promise<void> {
  const role = f.role.value as Role;
  const body = { email: f.email.value.trim(), name: f.name.value.trim() || null, role, scope: scopeFor(role, f.regions.value, f.deps.value, f.mechs.value) };
  try {
    if (a) {
      await api.accounts[':id'].$patch({ param: { id: String(a.id) }, json: body });
      replace(page.flash, alertBox('success', `Compte ${body.email} enregistré.`, undefined, { small: true }));
    } else {
      const created = await json(api.accounts.$post({ json: { ...body, ...(f.generate.checked ? { generatePassword: true } : {}) } }));
      replace(page.flash, created.password ? oncePassword(created.password, created.account.email) : alertBox('success', `Compte ${created.account.email} créé : connexion par ProConnect.`, undefined, { small: true }));
    }
    replace(page.editor);
    if (a?.id === session.account()?.id) void session.refresh();
    page.reload();
  } catch (error) {
    replace(messages, errorAlert(error, error instanceof ApiError && error.status === 409 ? 'Enregistrement impossible' : 'Le compte n’a pas été enregistré'));
  }
}
