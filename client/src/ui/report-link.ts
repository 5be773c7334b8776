// « Rapport PDF »: the officer's meeting pack of the territory and date on screen, made by the
// server (GET /api/report/departement/79.pdf?asOf=…), opened in a new tab. A région gets its own
// report; France as a whole has none (the link says to pick a territory).
import { formatDateFr } from '../../../model/dates.ts';
import { h } from '../dom.ts';
import { scenarioParams, type AppState, type Scope } from '../lib/state.ts';
import { departementName, regionName } from '../lib/territories.ts';

/** The report's address for a département or a région at a date; none for France. */
export function reportHref(scope: Scope, asOf: string, scenario?: string): string | null {
  if (scope.level === 'france') return null;
  return `/api/report/${scope.level}/${encodeURIComponent(scope.code)}.pdf?asOf=${asOf}${scenario ? `&scenario=${scenario}` : ''}`;
}

/** The « Rapport PDF » button of a view: for `scope` (the view's département, or the state's). */
export function reportLink(state: Pick<AppState, 'asOf' | 'view'> & Pick<Partial<AppState>, 'scenario'>, scope: Scope): HTMLElement {
  // In a scenario, the report of its state, with what it changes.
  const href = reportHref(scope, state.asOf, scenarioParams(state).scenario);
  if (!href) {
    return h('p', { class: 'fr-text--sm app-mention app-report-link fr-no-print' }, 'Rapport PDF : choisissez un département ou une région en haut de page.');
  }
  const name = scope.level === 'departement' ? `du département ${departementName(scope.code)}` : scope.level === 'region' ? `de la région ${regionName(scope.code)}` : '';
  return h(
    'a',
    {
      class: 'fr-btn fr-btn--secondary fr-btn--sm fr-icon-file-pdf-line fr-btn--icon-left app-report-link',
      href,
      target: '_blank',
      rel: 'noopener',
      title: `Rapport PDF ${name} au ${formatDateFr(state.asOf)} (nouvelle fenêtre)`,
      dataset: { testid: 'rapport-pdf' },
    },
    'Rapport PDF',
  );
}
