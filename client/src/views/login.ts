// Connexion: email and password (local accounts), or single sign-on (ProConnect) when the server
// offers it. After signing in, back to where the user was (`retour`). Messages in French for a
// wrong login, too many attempts, an expired session and every single-sign-on failure.
import { ApiError } from '../api.ts';
import type { View, ViewFactory } from '../context.ts';
import { alertBox, errorAlert, h, replace, uid } from '../dom.ts';
import { OIDC_ERRORS, describeAccount, session } from '../session.ts';

/** The hash to go back to: only this application's own routes. */
export function safeReturn(value: string | null | undefined): string {
  if (!value || !value.startsWith('#/') || value.startsWith('#/connexion')) return '#/reseau';
  return value;
}

function hashParams(): URLSearchParams {
  const [, query = ''] = location.hash.split('?');
  return new URLSearchParams(query);
}

export const loginView: ViewFactory = (root): View => {
  render(root);
  // Same screen, new address (another `retour`, a logout): render again.
  return { update: () => render(root), destroy() {} };
};

function render(root: HTMLElement): void {
  const params = hashParams();
  const retour = safeReturn(params.get('retour'));
  const me = session.me();
  const emailId = uid('email');
  const passwordId = uid('mot-de-passe');
  const messages = h('div', { 'aria-live': 'polite' });
  const email = h('input', { class: 'fr-input', type: 'email', id: emailId, name: 'email', autocomplete: 'username', required: true, spellcheck: 'false' });
  const password = h('input', { class: 'fr-input', type: 'password', id: passwordId, name: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { class: 'fr-btn', type: 'submit' }, 'Se connecter');
  const form = h(
    'form',
    { class: 'app-login__form', novalidate: true },
    h('fieldset', { class: 'fr-fieldset' },
      h('legend', { class: 'fr-fieldset__legend' }, h('h2', { class: 'fr-h5', id: 'connexion-titre' }, 'Avec votre adresse électronique')),
      h('div', { class: 'fr-fieldset__element' }, h('div', { class: 'fr-input-group' }, h('label', { class: 'fr-label', for: emailId }, 'Adresse électronique', h('span', { class: 'fr-hint-text' }, 'Format attendu : nom@domaine.fr')), email)),
      h('div', { class: 'fr-fieldset__element' }, h('div', { class: 'fr-input-group' }, h('label', { class: 'fr-label', for: passwordId }, 'Mot de passe'), password)),
      h('div', { class: 'fr-fieldset__element' }, h('div', { class: 'fr-btns-group' }, submit)),
    ),
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!email.value.trim() || !password.value) {
      replace(messages, alertBox('error', 'Saisissez votre adresse électronique et votre mot de passe.', undefined, { small: true }));
      (email.value.trim() ? password : email).focus();
      return;
    }
    submit.disabled = true;
    replace(messages);
    try {
      const signedIn = await session.login(email.value.trim(), password.value);
      password.value = '';
      replace(messages, alertBox('success', `Connecté : ${signedIn.account ? describeAccount(signedIn.account) : ''}`, undefined, { small: true }));
      location.hash = retour;
    } catch (error) {
      password.value = '';
      if (error instanceof ApiError && error.status === 401) {
        replace(messages, alertBox('error', 'Connexion refusée', 'Adresse électronique ou mot de passe incorrect. Vérifiez votre saisie et recommencez.'));
      } else if (error instanceof ApiError && error.status === 429) {
        replace(messages, alertBox('error', 'Trop de tentatives', `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}. Par sécurité, les connexions sont suspendues quelques instants après plusieurs échecs.`));
      } else {
        replace(messages, errorAlert(error, 'La connexion a échoué'));
      }
      password.focus();
    } finally {
      submit.disabled = false;
    }
  });

  const notices: HTMLElement[] = [];
  const oidcError = params.get('erreur');
  if (oidcError) notices.push(alertBox('error', 'Connexion unique impossible', (Object.hasOwn(OIDC_ERRORS, oidcError) ? OIDC_ERRORS[oidcError] : undefined) ?? 'La connexion unique a échoué. Recommencez, ou connectez-vous avec votre mot de passe.'));
  if (params.get('expiree')) notices.push(alertBox('info', 'Votre session a expiré', 'Reconnectez-vous pour continuer : vous reviendrez à la page où vous étiez.'));
  if (params.get('deconnecte')) notices.push(alertBox('success', 'Vous êtes déconnecté.', undefined, { small: true }));
  if (me.authenticated && me.account) notices.push(alertBox('info', `Vous êtes déjà connecté : ${describeAccount(me.account)}`, h('p', null, h('a', { class: 'fr-link', href: retour }, 'Continuer vers l’application')), { small: false }));

  const sso = me.oidc.enabled
    ? h(
        'section',
        { class: 'app-login__sso fr-mb-4w', 'aria-labelledby': 'sso-titre' },
        h('h2', { class: 'fr-h5', id: 'sso-titre' }, `Avec ${me.oidc.label ?? 'la connexion unique'}`),
        h('p', { class: 'fr-text--sm app-mention' }, 'Agents publics : utilisez votre identité professionnelle. Votre compte doit avoir été ouvert par un administrateur de l’application, avec la même adresse électronique.'),
        h('a', { class: 'fr-btn fr-btn--secondary', href: `/api/auth/oidc/start?returnTo=${encodeURIComponent(`/${retour}`)}` }, `S’identifier avec ${me.oidc.label ?? 'la connexion unique'}`),
        h('p', { class: 'fr-hr-or fr-mt-3w' }, 'ou'),
      )
    : null;

  replace(
    root,
    h(
      'div',
      { class: 'fr-container fr-py-6w app-login' },
      h(
        'div',
        { class: 'fr-grid-row fr-grid-row--center' },
        h(
          'div',
          { class: 'fr-col-12 fr-col-md-8 fr-col-lg-6' },
          h('h1', { class: 'fr-h3' }, 'Connexion'),
          h('p', { class: 'fr-text--sm' }, 'L’application décrit des dispositifs et les personnes qui les coordonnent : elle est réservée aux agents des ARS, aux coordinateurs et aux lecteurs autorisés.'),
          notices,
          messages,
          sso,
          form,
          me.publicRead ? h('p', { class: 'fr-mt-4w fr-text--sm' }, h('a', { class: 'fr-link', href: retour }, 'Continuer sans compte'), ' : lecture publique, sans les noms ni les coordonnées des personnes.') : null,
          h('p', { class: 'fr-mt-4w fr-text--xs app-mention' }, 'Mot de passe oublié ou compte à créer : adressez-vous à un administrateur de l’application.'),
        ),
      ),
    ),
  );
  if (!me.authenticated) email.focus();
}
