// Mon compte (everyone signed in): role, scope, and the API tokens of one's scripts (shown once at
// creation, revocable).
import { api, cancellable, json, type TokenInfo } from '../api.ts';
import type { View, ViewFactory } from '../context.ts';
import { alertBox, button, errorAlert, h, replace, uid, viewPage } from '../dom.ts';
import { formatDay } from '../lib/format.ts';
import { Loader } from '../load.ts';
import { describeAccount, session } from '../session.ts';

export const myAccountView: ViewFactory = (root): View => {
  const account = session.account();
  const flash = h('div', { 'aria-live': 'polite' });
  const tokens = h('div');
  const loader = Loader.into(tokens);
  const reload = () =>
    void loader.run({
      loading: 'Chargement des jetons…',
      failure: 'Les jetons n’ont pas pu être chargés',
      fetch: (signal) => json(api.auth.tokens.$get({ query: {} }, cancellable(signal))),
      done: ({ items }) => replace(tokens, tokensTable(items, flash, reload)),
    });
  replace(
    root,
    viewPage(
      { title: 'Mon compte', class: 'app-account' },
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
      tokenForm(flash, reload),
      tokens,
    ),
  );
  reload();
  return { update() {}, destroy: () => loader.destroy() };
};

function tokenForm(flash: HTMLElement, reload: () => void): HTMLElement {
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
      const days = Number(tokenDays.value);
      const created = await json(api.auth.tokens.$post({ json: { name: tokenName.value.trim(), ...(days ? { expiresInDays: days } : {}) } }));
      tokenName.value = '';
      replace(
        flash,
        alertBox(
          'warning',
          'Jeton créé : copiez-le maintenant',
          h('div', null, h('p', null, 'Il ne sera plus jamais affiché : ', h('code', { class: 'app-secret', 'data-testid': 'jeton' }, created.token)), h('p', { class: 'fr-text--sm' }, `À envoyer dans l’en-tête « Authorization: Bearer … » ; valable jusqu’au ${formatDay(created.expiresAt)}, avec les droits de votre compte.`)),
        ),
      );
      reload();
    } catch (error) {
      replace(flash, errorAlert(error, 'Le jeton n’a pas été créé'));
    }
  });
  return form;
}

function tokensTable(items: TokenInfo[], flash: HTMLElement, reload: () => void): HTMLElement {
  if (!items.length) return h('p', { class: 'fr-text--sm' }, 'Aucun jeton.');
  const revoke = (t: TokenInfo) =>
    button(
      'Révoquer',
      async () => {
        try {
          await api.auth.tokens[':id'].$delete({ param: { id: String(t.id) } });
          replace(flash, alertBox('success', `Jeton « ${t.name} » révoqué : il est refusé dès maintenant.`, undefined, { small: true }));
          reload();
        } catch (error) {
          replace(flash, errorAlert(error, 'Le jeton n’a pas été révoqué'));
        }
      },
      { kind: 'tertiary', small: true, icon: 'fr-icon-delete-line', attrs: { 'aria-label': `Révoquer le jeton ${t.name}` } },
    );
  return h(
    'div',
    { class: 'fr-table fr-table--sm' },
    h(
      'table',
      null,
      h('caption', null, 'Vos jetons d’accès'),
      h('thead', null, h('tr', null, ['Nom', 'Début', 'Créé le', 'Expire le', 'Dernier usage', 'État', 'Action'].map((x) => h('th', { scope: 'col' }, x)))),
      h(
        'tbody',
        null,
        items.map((t) =>
          h(
            'tr',
            null,
            h('th', { scope: 'row' }, t.name),
            h('td', null, h('code', null, `${t.prefix}…`)),
            h('td', null, formatDay(t.createdAt)),
            h('td', null, formatDay(t.expiresAt)),
            h('td', null, formatDay(t.lastUsedAt)),
            h('td', null, t.revokedAt ? 'révoqué' : t.active ? 'actif' : 'expiré'),
            h('td', null, t.active ? revoke(t) : null),
          ),
        ),
      ),
    ),
  );
}
