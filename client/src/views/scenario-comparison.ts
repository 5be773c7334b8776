// What a scenario would change, at the reference date and in the territory of the bar: findings
// resolved and new, indicators before → after, avis now expected, communes whose coverage changes
// (text tables, accessible), the comparison as a workbook, and applying the scenario.
import { SEVERITY_LABELS, AVIS_STAGE_LABELS, type AvisStage, type Severity } from '../../../model/vocabulary.ts';
import { plural } from '../../../model/text.ts';
import { api, cancellable, fileOf, json, ApiError, type ScenarioComparison, type ScenarioView } from '../api.ts';
import type { AppContext } from '../context.ts';
import { alertBox, button, errorAlert, h, replace, saveBlob } from '../dom.ts';
import { formatInt, formatPercent, formatDay } from '../lib/format.ts';
import { apiScopeParams, type AppState } from '../lib/state.ts';
import { Loader } from '../load.ts';
import { workbookButtons } from '../ui/workbook-buttons.ts';
import type { ChangeContext } from './scenario-changes.ts';

type Finding = NonNullable<ScenarioComparison['findings']>['resolved'][number];
type Pair = NonNullable<ScenarioComparison['indicators']>[number];

const table = (caption: string, headers: string[], rows: (string | HTMLElement)[][], testId?: string) =>
  h(
    'div',
    { class: 'fr-table app-table', ...(testId ? { 'data-testid': testId } : {}) },
    h(
      'table',
      null,
      h('caption', null, caption),
      h('thead', null, h('tr', null, headers.map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, rows.map((r) => h('tr', null, r.map((cell) => h('td', null, cell))))),
    ),
  );

export function scenarioComparison(ctx: AppContext, scenario: ScenarioView, state: AppState, done: ChangeContext): HTMLElement {
  const region = h('div');
  const loader = Loader.into(region);
  const { departement, region: reg } = apiScopeParams(state);
  const query = { asOf: state.asOf, ...(departement ? { departement } : {}), ...(reg ? { region: reg } : {}) };
  void loader.run({
    loading: 'Comparaison avec les données actuelles…',
    failure: 'La comparaison n’a pas pu être calculée',
    fetch: (signal) => ctx.cached(`scenario-diff|${scenario.id}.${scenario.revision}|${JSON.stringify(query)}`, (s) => json(api.scenarios[':id'].diff.$get({ param: { id: String(scenario.id) }, query }, cancellable(s))), signal),
    done: (diff) => replace(region, comparisonTables(diff, state)),
  });
  done.signal.addEventListener('abort', () => loader.destroy());
  const pdfStatus = h('div', { 'aria-live': 'polite' });
  const pdf = button(
    'Comparaison en rapport PDF',
    async () => {
      pdf.disabled = true;
      replace(pdfStatus, h('p', { class: 'fr-text--sm fr-mb-0' }, 'Préparation du rapport PDF…'));
      try {
        const { blob, filename } = await fileOf(await api.scenarios[':id'].report.$get({ param: { id: String(scenario.id) }, query }));
        saveBlob(blob, filename ?? `scenario-${scenario.id}-${state.asOf}.pdf`);
        replace(pdfStatus, h('p', { class: 'fr-text--sm fr-mb-0' }, 'Rapport PDF téléchargé.'));
      } catch (error) {
        replace(pdfStatus, errorAlert(error, 'Le rapport PDF n’a pas pu être préparé'));
      } finally {
        pdf.disabled = false;
      }
    },
    { kind: 'secondary', small: true, icon: 'fr-icon-file-download-line' },
  );
  const exportButtons = workbookButtons('Comparaison', (format) => api.scenarios[':id'].export.$get({ param: { id: String(scenario.id) }, query: { ...query, format } }), (format) => `scenario-${scenario.id}-${state.asOf}.${format}`, { small: true });
  return h(
    'section',
    { class: 'fr-mb-4w', 'aria-labelledby': 'comparaison' },
    h('h2', { class: 'fr-h5', id: 'comparaison' }, `Ce que le scénario changerait au ${formatDay(state.asOf)}`),
    h('p', { class: 'fr-text--sm app-mention' }, 'Comparé aux données actuelles, à la date et sur le territoire choisis en haut de la page (dates futures comprises).'),
    region,
    exportButtons,
    h('div', { class: 'fr-mb-2w fr-no-print' }, pdf, pdfStatus),
    scenario.editable ? applySection(ctx, scenario, done) : null,
  );
}

function comparisonTables(diff: ScenarioComparison, state: AppState): HTMLElement {
  const findings = diff.findings!;
  const findingRows = (list: readonly Finding[]) => list.map((f) => [SEVERITY_LABELS[f.severity as Severity] ?? f.severity, f.message, f.fix.message]);
  const indicators = diff.indicators ?? [];
  const coverage = diff.coverage!;
  return h(
    'div',
    null,
    h(
      'p',
      { 'data-testid': 'resume-comparaison' },
      `${plural(findings.counts.resolved, 'constat levé', 'constats levés')}, ${plural(findings.counts.new, 'nouveau constat', 'nouveaux constats')}, ${plural(findings.counts.unchanged, 'constat inchangé', 'constats inchangés')} ; ${plural(coverage.count, 'commune dont la couverture change', 'communes dont la couverture change')} (${formatInt(coverage.population)} habitants).`,
    ),
    findings.resolved.length ? table('Constats levés par le scénario', ['Gravité', 'Constat', 'Correction qu’il appelait'], findingRows(findings.resolved), 'constats-leves') : null,
    findings.new.length ? table('Nouveaux constats du scénario', ['Gravité', 'Constat', 'Correction proposée'], findingRows(findings.new), 'nouveaux-constats') : null,
    indicators.length ? indicatorTable(indicators) : null,
    diff.avisExpected?.length
      ? table(
          'Avis des CLSM désormais attendus',
          ['PTSM', 'CLSM', 'Étape'],
          diff.avisExpected.map((a) => [a.ptsmName, a.clsmName, AVIS_STAGE_LABELS[a.stage as AvisStage] ?? a.stage]),
        )
      : null,
    coverage.communes.length
      ? table(
          `Communes dont la couverture change au ${formatDay(state.asOf)}`,
          ['Commune', 'Code', 'Département', 'Population', 'Désormais couverte par', 'Plus couverte par'],
          coverage.communes.slice(0, 500).map((c) => [c.name, c.code, c.departement, formatInt(c.population), c.gained.join(', ') || '—', c.lost.join(', ') || '—']),
          'communes-couverture',
        )
      : null,
    coverage.communes.length > 500 ? h('p', { class: 'fr-text--sm' }, `Les 500 plus peuplées sont listées ; le classeur les donne toutes (${formatInt(coverage.communes.length)}).`) : null,
  );
}

function indicatorTable(pairs: readonly Pair[]): HTMLElement {
  const arrow = (a: string, b: string) => (a === b ? a : `${a} → ${b}`);
  return table(
    'Indicateurs avant → après',
    ['Territoire', 'CLSM actifs', 'Population couverte par un CLSM', 'Communes sans CLSM', 'Population sans CLSM', 'Avis dus', 'Avis attendus plus tard'],
    pairs.map(({ before, after }) => [
      before.name,
      arrow(formatInt(before.activeClsm), formatInt(after.activeClsm)),
      arrow(formatPercent(before.coverage.CLSM.percent), formatPercent(after.coverage.CLSM.percent)),
      arrow(formatInt(before.uncovered.count), formatInt(after.uncovered.count)),
      arrow(formatInt(before.uncovered.population), formatInt(after.uncovered.population)),
      arrow(formatInt(before.avis.expected), formatInt(after.avis.expected)),
      arrow(formatInt(before.avis.awaited), formatInt(after.avis.awaited)),
    ]),
    'indicateurs-avant-apres',
  );
}

/** « Appliquer le scénario », confirmed: every change written at once, or nothing and each conflict listed. */
function applySection(ctx: AppContext, scenario: ScenarioView, done: ChangeContext): HTMLElement {
  const status = h('div', { 'aria-live': 'polite' });
  const confirm = button(
    'Confirmer : appliquer aux données réelles',
    async () => {
      confirm.disabled = true;
      try {
        const outcome = await json(api.scenarios[':id'].apply.$post({ param: { id: String(scenario.id) } }));
        ctx.invalidate();
        done.reload(alertBox('success', 'Scénario appliqué', `${plural(outcome.written.length, 'changement écrit', 'changements écrits')} dans les données réelles, en une seule fois ; chacun figure au journal.`));
      } catch (error) {
        const conflict = error instanceof ApiError && error.status === 409;
        replace(status, errorAlert(error, conflict ? 'Rien n’a été écrit : le scénario est en conflit avec les données' : 'Le scénario n’a pas été appliqué'));
        confirm.disabled = false;
      }
    },
    { icon: 'fr-icon-check-line', attrs: { hidden: true } },
  );
  const start = button(
    'Appliquer le scénario',
    () => {
      start.hidden = true;
      confirm.hidden = false;
      confirm.focus();
      replace(status, alertBox('warning', 'Appliquer ce scénario ?', `Ses ${plural(scenario.changes.length, 'changement')} seront écrits dans les données réelles, en une seule fois, avec vos droits ; chacun figurera au journal.`, { small: true }));
    },
    { kind: 'secondary' },
  );
  return h('div', { class: 'fr-mt-3w fr-no-print' }, h('h3', { class: 'fr-h6' }, 'Appliquer'), status, h('div', { class: 'fr-btns-group fr-btns-group--inline' }, start, confirm));
}
