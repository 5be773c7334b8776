// Comptes (administrators): create accounts with a role and a scope, change them, disable,
// reset a password (shown once), delete. Mon compte (everyone signed in): role, scope, and the
// API tokens of one's scripts (shown once at creation, revocable).
import type { TokenInfo } from '../../../server/auth/accounts.ts';
import { ApiError, request } from '../api.ts';
import type { AppContext, View, ViewFactory } from '../context.ts';
import { alertBox, button, emptyState, errorAlert, h, loading, replace, uid } from '../dom.ts';
import { DEPARTEMENTS, REGIONS } from '../lib/territories.ts';
import { describeAccount, session, type AccountScope, type Role, type SessionAccount } from '../session.ts';

interface AccountView extends SessionAccount {
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
  lastLoginAt: string | null;
}

export const ROLE_CHOICES: { value: Role; label: string; hint: string }[] = [
  { value: 'lecteur', label: 'Lecteur', hint: 'consulte tout ; ses exports ne contiennent pas les données personnelles' },
  { value: 'coordinateur', label: 'Coordinateur', hint: 'modifie ses dispositifs et leurs liens, enregistre les avis de son CLSM' },
  { value: 'ars', label: 'Agent d’ARS', hint: 'modifie les dispositifs, personnes et liens de ses régions et départements' },
  { value: 'admin', label: 'Administrateur', hint: 'tout, y compris les comptes' },
];

const day = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString('fr-FR') : 'jamais');
const codes = (text: string) => text.split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean);

/** The scope fields of a role, from the form's three lists. */
export function scopeFor(role: Role, regions: string, departements: string, mechanisms: string): AccountScope {
  if (role === 'ars') return { ...(codes(regions).length ? { regions: codes(regions) } : {}), ...(codes(departements).length ? { departements: codes(departements) } : {}) };
  if (role === 'coordinateur') return { mechanisms: codes(mechanisms) };
  return {};
}

function oncePassword(password: string, email: string): HTMLElement {
  return alertBox(
    'warning',
    'Mot de passe à transmettre',
    h('div', null, h('p', null, `Mot de passe de ${email}, affiché une seule fois : `, h('code', { class: 'app-secret', 'data-testid': 'mot-de-passe' }, password)), h('p', { class: 'fr-text--sm' }, 'Transmettez-le par un canal sûr ; la personne pourra le faire remplacer.')),
  );
}

// ------------------------------------------------------------------ administrators

export const accountsView: ViewFactory = (root, ctx: AppContext): View => {
  const flash = h('div', { 'aria-live': 'polite' });
  const editor = h('div');
  const list = h('div', null, loading('Chargement des comptes…'));
  replace(
    root,
    h(
      'div',
      { class: 'fr-container fr-py-4w app-accounts' },
      h('h1', { class: 'fr-h3' }, 'Comptes'),
      h(
        'p',
        { class: 'fr-text--sm app-mention' },
        'Les rôles et périmètres décident de ce que chacun peut modifier. Un compte sans mot de passe se connecte seulement par ProConnect, avec son adresse électronique.',
      ),
      flash,
      h('p', null, button('Créer un compte', () => openEditor(null), { icon: 'fr-icon-add-line' })),
      editor,
      list,
    ),
  );

  async function reload() {
    try {
      const { items } = await request<{ items: AccountView[] }>('/accounts');
      replace(list, table(items));
    } catch (error) {
      replace(list, errorAlert(error, 'La liste des comptes n’a pas pu être chargée'));
    }
  }

  function table(items: AccountView[]) {
    if (!items.length) return emptyState('Aucun compte', 'Créez le premier compte avec le bouton ci-dessus.');
    const me = session.me().account;
    return h(
      'div',
      { class: 'fr-table fr-table--sm app-accounts__table' },
      h(
        'table',
        null,
        h('caption', null, `${items.length} compte${items.length > 1 ? 's' : ''}`),
        h('thead', null, h('tr', null, ['Adresse', 'Nom', 'Rôle et périmètre', 'Connexion', 'État', 'Dernière connexion', 'Actions'].map((x) => h('th', { scope: 'col' }, x)))),
        h(
          'tbody',
          null,
          items.map((a) =>
            h(
              'tr',
              { dataset: { id: String(a.id), email: a.email } },
              h('th', { scope: 'row' }, a.email),
              h('td', null, a.name ?? '—'),
              h('td', null, a.roleLabel, a.role === 'ars' || a.role === 'coordinateur' ? h('span', { class: 'fr-text--xs app-mention' }, h('br'), a.scopeLabel) : null),
              h('td', null, [a.hasPassword ? 'mot de passe' : '', a.oidcLinked ? 'ProConnect' : ''].filter(Boolean).join(', ') || 'ProConnect (jamais connecté)'),
              h('td', null, a.disabled ? 'désactivé' : 'actif'),
              h('td', null, day(a.lastLoginAt)),
              h(
                'td',
                { class: 'app-actions' },
                button('Modifier', () => openEditor(a), { kind: 'tertiary', small: true, icon: 'fr-icon-edit-line', attrs: { 'aria-label': `Modifier le compte ${a.email}` } }),
                a.id === me?.id
                  ? null
                  : button(a.disabled ? 'Réactiver' : 'Désactiver', () => void act(() => request(`/accounts/${a.id}`, { method: 'PATCH', body: { disabled: !a.disabled } }), `${a.email} : compte ${a.disabled ? 'réactivé' : 'désactivé'}.`), {
                      kind: 'tertiary',
                      small: true,
                      attrs: { 'aria-label': `${a.disabled ? 'Réactiver' : 'Désactiver'} le compte ${a.email}` },
                    }),
                button(
                  'Mot de passe',
                  async () => {
                    try {
                      const result = await request<{ password: string }>(`/accounts/${a.id}/password`, { method: 'POST', body: { generate: true } });
                      replace(flash, oncePassword(result.password, a.email));
                      await reload();
                    } catch (error) {
                      replace(flash, errorAlert(error, 'Le mot de passe n’a pas été changé'));
                    }
                  },
                  { kind: 'tertiary', small: true, icon: 'fr-icon-lock-line', attrs: { 'aria-label': `Nouveau mot de passe pour ${a.email}` } },
                ),
                a.id === me?.id
                  ? null
                  : button('Supprimer', () => confirmDelete(a), { kind: 'tertiary', small: true, icon: 'fr-icon-delete-line', attrs: { 'aria-label': `Supprimer le compte ${a.email}` } }),
              ),
            ),
          ),
        ),
      ),
    );
  }

  async function act(run: () => Promise<unknown>, done: string) {
    try {
      await run();
      replace(flash, alertBox('success', done, undefined, { small: true }));
      await reload();
    } catch (error) {
      replace(flash, errorAlert(error, 'La modification a été refusée'));
    }
  }

  function confirmDelete(a: AccountView) {
    const confirm = button('Supprimer le compte', () => void act(() => request(`/accounts/${a.id}`, { method: 'DELETE' }), `Compte ${a.email} supprimé.`), { icon: 'fr-icon-delete-line' });
    replace(
      flash,
      alertBox('warning', `Supprimer le compte ${a.email} ?`, h('p', null, 'Ses sessions et ses jetons d’accès sont supprimés avec lui ; le journal ne garde que son numéro. Pour suspendre l’accès sans effacer le compte, désactivez-le plutôt.'), {
        actions: [confirm, ' ', button('Annuler', () => replace(flash), { kind: 'secondary' })],
      }),
    );
    confirm.focus();
  }

  function openEditor(a: AccountView | null) {
    const id = (name: string) => uid(name);
    const f = { email: id('email'), name: id('nom'), role: id('role'), regions: id('regions'), deps: id('departements'), mechs: id('dispositifs'), pw: id('mdp') };
    const email = h('input', { class: 'fr-input', type: 'email', id: f.email, name: 'email', required: true, value: a?.email ?? '' });
    const name = h('input', { class: 'fr-input', type: 'text', id: f.name, name: 'name', value: a?.name ?? '' });
    const role = h('select', { class: 'fr-select', id: f.role, name: 'role' }, ROLE_CHOICES.map((r) => h('option', { value: r.value }, `${r.label} — ${r.hint}`)));
    role.value = a?.role ?? 'lecteur';
    const regions = h('input', { class: 'fr-input', type: 'text', id: f.regions, name: 'regions', value: a?.scope.regions?.join(', ') ?? '', list: `${f.regions}-liste` });
    const deps = h('input', { class: 'fr-input', type: 'text', id: f.deps, name: 'departements', value: a?.scope.departements?.join(', ') ?? '' });
    const mechs = h('input', { class: 'fr-input', type: 'text', id: f.mechs, name: 'mechanisms', value: a?.scope.mechanisms?.join(', ') ?? '' });
    const generate = h('input', { type: 'checkbox', id: f.pw, name: 'generate', checked: a === null });
    const arsFields = h(
      'div',
      { class: 'app-accounts__scope' },
      h('div', { class: 'fr-input-group' }, h('label', { class: 'fr-label', for: f.regions }, 'Régions', h('span', { class: 'fr-hint-text' }, `Codes séparés par des virgules, ex. : 75 (${REGIONS.find((r) => r.code === '75')?.name ?? 'Nouvelle-Aquitaine'})`)), regions),
      h('div', { class: 'fr-input-group' }, h('label', { class: 'fr-label', for: f.deps }, 'Départements', h('span', { class: 'fr-hint-text' }, `Codes séparés par des virgules, ex. : 79 (${DEPARTEMENTS.find((d) => d.code === '79')?.name ?? 'Deux-Sèvres'}), 86`)), deps),
    );
    const coordFields = h('div', { class: 'fr-input-group' }, h('label', { class: 'fr-label', for: f.mechs }, 'Dispositifs', h('span', { class: 'fr-hint-text' }, 'Identifiants séparés par des virgules, ex. : clsm-niort')), mechs);
    const syncScope = () => {
      arsFields.hidden = role.value !== 'ars';
      coordFields.hidden = role.value !== 'coordinateur';
    };
    role.addEventListener('change', syncScope);
    syncScope();
    const messages = h('div', { 'aria-live': 'polite' });
    const form = h(
      'form',
      { class: 'app-form fr-mb-4w', 'aria-labelledby': `${f.email}-titre`, novalidate: true },
      h('h2', { class: 'fr-h5', id: `${f.email}-titre` }, a ? `Modifier le compte ${a.email}` : 'Nouveau compte'),
      messages,
      h('div', { class: 'fr-input-group' }, h('label', { class: 'fr-label', for: f.email }, 'Adresse électronique *', h('span', { class: 'fr-hint-text' }, 'Identifiant de connexion, et adresse reconnue par ProConnect')), email),
      h('div', { class: 'fr-input-group' }, h('label', { class: 'fr-label', for: f.name }, 'Nom'), name),
      h('div', { class: 'fr-select-group' }, h('label', { class: 'fr-label', for: f.role }, 'Rôle *'), role),
      arsFields,
      coordFields,
      a === null
        ? h('div', { class: 'fr-checkbox-group fr-mb-3w' }, generate, h('label', { class: 'fr-label', for: f.pw }, 'Générer un mot de passe', h('span', { class: 'fr-hint-text' }, 'Décochez pour un compte qui se connecte seulement par ProConnect')))
        : null,
      h('div', { class: 'fr-btns-group fr-btns-group--inline-md' }, button(a ? 'Enregistrer' : 'Créer le compte', () => {}, { type: 'submit' }), button('Annuler', () => replace(editor), { kind: 'secondary' })),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = {
        email: email.value.trim(),
        name: name.value.trim() || null,
        role: role.value as Role,
        scope: scopeFor(role.value as Role, regions.value, deps.value, mechs.value),
      };
      try {
        if (a) {
          await request(`/accounts/${a.id}`, { method: 'PATCH', body });
          replace(editor);
          replace(flash, alertBox('success', `Compte ${body.email} enregistré.`, undefined, { small: true }));
        } else {
          const created = await request<{ account: AccountView; password?: string }>('/accounts', { method: 'POST', body: { ...body, ...(generate.checked ? { generatePassword: true } : {}) } });
          replace(editor);
          replace(flash, created.password ? oncePassword(created.password, created.account.email) : alertBox('success', `Compte ${created.account.email} créé : connexion par ProConnect.`, undefined, { small: true }));
        }
        if (a?.id === session.me().account?.id) void session.refresh();
        await reload();
      } catch (error) {
        replace(messages, errorAlert(error, error instanceof ApiError && error.status === 409 ? 'Enregistrement impossible' : 'Le compte n’a pas été enregistré'));
      }
    });
    replace(editor, form);
    email.focus();
  }

  void reload();
  return { update() {}, destroy() {} };
};

// ------------------------------------------------------------------ my account

export const myAccountView: ViewFactory = (root): View => {
  const me = session.me();
  const flash = h('div', { 'aria-live': 'polite' });
  const tokens = h('div', null, loading('Chargement des jetons…'));
  const nameId = uid('nom-jeton');
  const daysId = uid('duree');
  const tokenName = h('input', { class: 'fr-input', type: 'text', id: nameId, name: 'name', required: true, placeholder: 'ex. : export nocturne vers l’entrepôt' });
  const tokenDays = h('input', { class: 'fr-input', type: 'number', id: daysId, name: 'expiresInDays', min: '1', max: '365', value: '90' });
  const form = h(
    'form',
    { class: 'app-form fr-mb-3w', novalidate: true, 'aria-label': 'Créer un jeton d’accès' },
    h('div', { class: 'fr-input-group' }, h('label', { class: 'fr-label', for: nameId }, 'Nom du jeton *', h('span', { class: 'fr-hint-text' }, 'À quoi sert-il ?')), tokenName),
    h('div', { class: 'fr-input-group' }, h('label', { class: 'fr-label', for: daysId }, 'Validité (jours)', h('span', { class: 'fr-hint-text' }, 'De 1 à 365')), tokenDays),
    button('Créer le jeton', () => {}, { type: 'submit', icon: 'fr-icon-add-line' }),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const created = await request<TokenInfo & { token: string }>('/auth/tokens', { method: 'POST', body: { name: tokenName.value.trim(), expiresInDays: Number(tokenDays.value) || undefined } });
      tokenName.value = '';
      replace(
        flash,
        alertBox(
          'warning',
          'Jeton créé : copiez-le maintenant',
          h('div', null, h('p', null, 'Il ne sera plus jamais affiché : ', h('code', { class: 'app-secret', 'data-testid': 'jeton' }, created.token)), h('p', { class: 'fr-text--sm' }, `À envoyer dans l’en-tête « Authorization: Bearer … » ; valable jusqu’au ${day(created.expiresAt)}, avec les droits de votre compte.`)),
        ),
      );
      await reload();
    } catch (error) {
      replace(flash, errorAlert(error, 'Le jeton n’a pas été créé'));
    }
  });

  async function reload() {
    try {
      const { items } = await request<{ items: TokenInfo[] }>('/auth/tokens');
      if (!items.length) return replace(tokens, h('p', { class: 'fr-text--sm' }, 'Aucun jeton.'));
      replace(
        tokens,
        h(
          'div',
          { class: 'fr-table fr-table--sm' },
          h(
            'table',
            null,
            h('caption', null, 'Vos jetons d’accès'),
            h('thead', null, h('tr', null, ['Nom', 'Début', 'Créé le', 'Expire le', 'Dernier usage', 'État', ''].map((x) => h('th', { scope: 'col' }, x)))),
            h(
              'tbody',
              null,
              items.map((t) =>
                h(
                  'tr',
                  null,
                  h('th', { scope: 'row' }, t.name),
                  h('td', null, h('code', null, `${t.prefix}…`)),
                  h('td', null, day(t.createdAt)),
                  h('td', null, day(t.expiresAt)),
                  h('td', null, day(t.lastUsedAt)),
                  h('td', null, t.revokedAt ? 'révoqué' : t.active ? 'actif' : 'expiré'),
                  h(
                    'td',
                    null,
                    t.active
                      ? button(
                          'Révoquer',
                          async () => {
                            try {
                              await request(`/auth/tokens/${t.id}`, { method: 'DELETE' });
                              replace(flash, alertBox('success', `Jeton « ${t.name} » révoqué : il est refusé dès maintenant.`, undefined, { small: true }));
                              await reload();
                            } catch (error) {
                              replace(flash, errorAlert(error, 'Le jeton n’a pas été révoqué'));
                            }
                          },
                          { kind: 'tertiary', small: true, icon: 'fr-icon-delete-line', attrs: { 'aria-label': `Révoquer le jeton ${t.name}` } },
                        )
                      : null,
                  ),
                ),
              ),
            ),
          ),
        ),
      );
    } catch (error) {
      replace(tokens, errorAlert(error, 'Les jetons n’ont pas pu être chargés'));
    }
  }

  const account = me.account;
  replace(
    root,
    h(
      'div',
      { class: 'fr-container fr-py-4w app-account' },
      h('h1', { class: 'fr-h3' }, 'Mon compte'),
      account
        ? h(
            'div',
            { class: 'fr-callout fr-mb-4w' },
            h('p', { class: 'fr-callout__title' }, describeAccount(account)),
            h('p', { class: 'fr-callout__text fr-text--sm' }, `Adresse : ${account.email}. Rôle : ${account.roleLabel}. Périmètre : ${account.scopeLabel}.`),
          )
        : null,
      h('h2', { class: 'fr-h5' }, 'Jetons d’accès pour les scripts'),
      h('p', { class: 'fr-text--sm app-mention' }, 'Un jeton donne à un script les droits de votre compte, jusqu’à sa date d’expiration ou sa révocation. Il n’est affiché qu’une fois.'),
      flash,
      form,
      tokens,
    ),
  );
  void reload();
  return { update() {}, destroy() {} };
};
