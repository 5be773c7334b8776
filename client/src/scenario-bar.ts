// The scenario selector of the territory and date bar, and the banner that never lets the user
// forget they are looking at a scenario's state rather than the current data (a DSFR notice,
// kept in view while the page scrolls).
import { api, json, type ScenarioView } from './api.ts';
import { h, replace, uid } from './dom.ts';
import { formatDay } from './lib/format.ts';
import { followsScenario, type AppState, type StatePatch } from './lib/state.ts';
import { plural } from '../../model/text.ts';

export interface ScenarioControls {
  /** The selector, for the territory and date bar. */
  field: HTMLElement;
  /** The banner, above the views. */
  banner: HTMLElement;
  sync(state: AppState): void;
  /** Read the list again (after signing in, after a write). */
  refresh(): Promise<void>;
}

export function scenarioControls(navigate: (patch: StatePatch) => void, href: (patch: StatePatch) => string): ScenarioControls {
  const id = uid('scenario');
  let scenarios: ScenarioView[] = [];
  let state: AppState | null = null;
  const select = h('select', { class: 'fr-select', id, name: 'scenario' });
  select.addEventListener('change', () => navigate({ scenario: select.value ? Number(select.value) : null }));
  const field = h(
    'div',
    { class: 'fr-select-group app-scope__field', hidden: true },
    h('label', { class: 'fr-label', for: id }, 'Données affichées', h('span', { class: 'fr-sr-only' }, ' : les données réelles, ou l’état d’un scénario')),
    select,
  );
  const banner = h('div', { class: 'fr-notice fr-notice--warning app-scenario-banner', hidden: true, role: 'region', 'aria-label': 'Scénario affiché' });

  const fillSelect = (current: number | undefined) => {
    const options = [h('option', { value: '' }, 'Données réelles')];
    for (const s of scenarios) options.push(h('option', { value: String(s.id) }, `Scénario : ${s.name}${s.applied ? ' (appliqué)' : ''}`));
    if (current !== undefined && !scenarios.some((s) => s.id === current)) options.push(h('option', { value: String(current) }, `Scénario n° ${current}`));
    replace(select, ...options);
    select.value = current === undefined ? '' : String(current);
  };

  const showBanner = (next: AppState) => {
    const inScenario = next.scenario !== undefined && followsScenario(next.view);
    banner.hidden = !inScenario;
    document.body.classList.toggle('app-in-scenario', inScenario);
    if (!inScenario) return;
    const scenario = scenarios.find((s) => s.id === next.scenario);
    const name = scenario ? `« ${scenario.name} »` : `n° ${next.scenario}`;
    const what = scenario ? ` avec ${plural(scenario.changes.length, 'changement proposé', 'changements proposés')}` : '';
    const applied = scenario?.applied ? ` Il a été appliqué le ${formatDay(scenario.applied.at)}.` : '';
    replace(
      banner,
      h(
        'div',
        { class: 'fr-container' },
        h(
          'div',
          { class: 'fr-notice__body' },
          h(
            'p',
            null,
            h('span', { class: 'fr-notice__title' }, `Vous consultez le scénario ${name}`),
            h('span', { class: 'fr-notice__desc' }, ` : cette vue montre les données telles qu’elles seraient${what}, au ${formatDay(next.asOf)}, pas les données réelles.${applied} `),
            h('a', { class: 'fr-notice__link', href: href({ view: 'scenarios', params: { id: String(next.scenario) }, resetParams: true }) }, 'Voir la comparaison'),
            ' ',
            h('a', { class: 'fr-notice__link', href: href({ scenario: null }), 'data-testid': 'quitter-scenario' }, 'Revenir aux données réelles'),
          ),
        ),
      ),
    );
  };

  return {
    field,
    banner,
    sync(next) {
      state = next;
      fillSelect(next.scenario);
      field.hidden = !followsScenario(next.view) || (scenarios.length === 0 && next.scenario === undefined);
      showBanner(next);
    },
    async refresh() {
      try {
        scenarios = (await json(api.scenarios.$get())).items;
      } catch {
        scenarios = [];
      }
      if (state) this.sync(state);
    },
  };
}
