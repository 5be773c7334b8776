// A scenario's changes: the list (with « Retirer » while it is in preparation) and the forms that
// add one — a new mechanism (its planned adoption date), a planned end, a link added or removed,
// a coordinator named. Each change is checked by the server as the write it stands for.
import type { ScenarioChange } from '../../../model/scenario.ts';
import type { Mechanism } from '../../../model/schema.ts';
import { LINK_KIND_LABELS, LINK_KINDS, MECHANISM_KIND_LABELS, MECHANISM_KINDS } from '../../../model/vocabulary.ts';
import { api, json, records, type EntityRecord, type ScenarioView } from '../api.ts';
import type { AppContext } from '../context.ts';
import { alertBox, button, errorAlert, h, replace } from '../dom.ts';
import { addLinkChange, coordinatorChange, describeChange, endMechanismChange, newMechanismChange, removeLinkChange, withoutChange, type ProposedChange } from '../lib/scenarios.ts';
import { apiScopeParams } from '../lib/state.ts';
import { selectField, textField } from '../ui/fields.ts';

export interface ChangeContext {
  signal: AbortSignal;
  flash: HTMLElement;
  /** Load the scenario again, with a message to show above it. */
  reload: (notice?: HTMLElement) => void;
}

type MechanismRecord = EntityRecord<'mechanisms'>;

/** Save the scenario with these changes (its revision named: a concurrent edit is a 409). */
async function save(ctx: AppContext, scenario: ScenarioView, changes: ProposedChange[], done: ChangeContext, message: string): Promise<void> {
  try {
    await json(
      api.scenarios[':id'].$put({
        param: { id: String(scenario.id) },
        json: { name: scenario.name, description: scenario.description, scope: scenario.scope, changes, revision: scenario.revision },
      }),
    );
    ctx.invalidate();
    done.reload();
    ctx.announce(message);
  } catch (error) {
    replace(done.flash, errorAlert(error, 'Le changement n’a pas été enregistré dans le scénario'));
  }
}

export function scenarioChanges(ctx: AppContext, scenario: ScenarioView, done: ChangeContext): HTMLElement {
  const names = new Map<string, string>();
  const nameOf = (id: string) => names.get(id) ?? id;
  for (const c of scenario.changes) if (c.op !== 'delete' && typeof c.data.name === 'string') names.set(c.id, c.data.name);
  const list = h('div');
  const editable = scenario.editable;
  const render = () =>
    replace(
      list,
      scenario.changes.length
        ? h(
            'div',
            { class: 'fr-table app-table' },
            h(
              'table',
              null,
              h('caption', null, 'Changements proposés, dans l’ordre où ils seraient faits'),
              h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'N°'), h('th', { scope: 'col' }, 'Changement'), editable ? h('th', { scope: 'col', class: 'fr-no-print' }, 'Action') : null)),
              h(
                'tbody',
                null,
                scenario.changes.map((change: ScenarioChange, i: number) =>
                  h(
                    'tr',
                    null,
                    h('td', null, String(i + 1)),
                    h('td', null, describeChange(change, nameOf)),
                    editable
                      ? h('td', { class: 'fr-no-print' }, button('Retirer', () => void save(ctx, scenario, withoutChange(scenario.changes, i), done, 'Changement retiré du scénario'), { kind: 'tertiary', small: true, icon: 'fr-icon-delete-line', title: `Retirer le changement n° ${i + 1}` }))
                      : null,
                  ),
                ),
              ),
            ),
          )
        : alertBox('info', 'Aucun changement pour l’instant', 'Ajoutez un changement ci-dessous : créer un dispositif, en terminer un, ajouter ou retirer un lien.', { small: true }),
    );
  render();
  const forms = h('div', { class: 'fr-no-print' });
  if (editable) {
    // The mechanisms of the territory shown, to choose from (names shown in the list too).
    const { departement, region } = apiScopeParams(ctx.state());
    records
      .list('mechanisms', { ...(departement ? { departement } : {}), ...(region ? { region } : {}), limit: '10000' }, done.signal)
      .then((found) => {
        for (const r of found.items) names.set(r.id, r.data.name);
        render();
        replace(forms, changeForms(ctx, scenario, found.items as MechanismRecord[], done));
      })
      .catch((error: unknown) => replace(forms, errorAlert(error, 'Les dispositifs n’ont pas pu être chargés')));
  }
  return h('section', { class: 'fr-mb-4w', 'aria-labelledby': 'changements' }, h('h2', { class: 'fr-h5', id: 'changements' }, 'Changements proposés'), list, forms);
}

function changeForms(ctx: AppContext, scenario: ScenarioView, mechanisms: MechanismRecord[], done: ChangeContext): HTMLElement {
  const add = (change: ProposedChange, message: string) => save(ctx, scenario, [...scenario.changes.map((c) => ({ ...c })), change], done, message);
  const options = mechanisms.map((r) => ({ value: r.id, label: `${r.data.name} (${r.data.kind})` }));
  return h(
    'div',
    { class: 'app-scenario-forms' },
    newMechanismForm(ctx, add),
    endForm(options, mechanisms, add),
    linkForm(options, add),
    removeLinkForm(options, add, done.signal, (id) => mechanisms.find((m) => m.id === id)?.data.name ?? id),
    coordinatorForm(options, mechanisms, add),
  );
}

type Add = (change: ProposedChange, message: string) => Promise<void>;

const form = (title: string, id: string, onSubmit: () => Promise<void>, ...fields: (HTMLElement | null)[]) =>
  h(
    'form',
    { class: 'app-scenario-form fr-mb-3w', 'aria-labelledby': id, onsubmit: (e: Event) => (e.preventDefault(), void onSubmit()) },
    h('h3', { class: 'fr-h6', id }, title),
    fields,
    button(title, () => undefined, { type: 'submit', kind: 'secondary', small: true, icon: 'fr-icon-add-line' }),
  );

function newMechanismForm(ctx: AppContext, add: Add): HTMLElement {
  const kind = selectField({ label: 'Type', name: 'type', options: MECHANISM_KINDS.map((k) => ({ value: k, label: MECHANISM_KIND_LABELS[k] })), value: 'CLSM' });
  const name = textField({ label: 'Nom', name: 'nom', required: true, placeholder: 'ex. : CLSM du Thouarsais' });
  const communes = textField({ label: 'Communes (codes INSEE)', name: 'communes', hint: 'Séparés par des virgules, ex. : 79329, 79049' });
  const epci = textField({ label: 'EPCI (numéros SIREN, facultatif)', name: 'epci', hint: 'Ses communes membres sont couvertes' });
  const from = textField({ label: 'Actif à partir du (facultatif)', name: 'debut', type: 'date', hint: 'Une date future : en préparation jusque-là' });
  const submit = () => add(newMechanismChange({ kind: kind.get(), name: name.get(), communes: communes.get(), epci: epci.get(), from: from.get(), today: ctx.state().asOf }), `Dispositif « ${name.get()} » ajouté au scénario`);
  return form('Créer un dispositif', 'scenario-creer', submit, kind.el, name.el, communes.el, epci.el, from.el);
}

function endForm(options: { value: string; label: string }[], mechanisms: MechanismRecord[], add: Add): HTMLElement {
  const which = selectField({ label: 'Dispositif', name: 'fin-dispositif', options, placeholder: 'Choisir un dispositif' });
  const date = textField({ label: 'Terminé le', name: 'fin-date', type: 'date', required: true });
  const submit = async () => {
    const record = mechanisms.find((m) => m.id === which.get());
    if (record && date.get()) await add(endMechanismChange(record as unknown as { id: string; version: number; data: Mechanism }, date.get()), `Fin de « ${record.data.name} » ajoutée au scénario`);
  };
  return form('Terminer un dispositif', 'scenario-terminer', submit, which.el, date.el);
}

function linkForm(options: { value: string; label: string }[], add: Add): HTMLElement {
  const kind = selectField({ label: 'Type de lien', name: 'lien-type', options: LINK_KINDS.map((k) => ({ value: k, label: LINK_KIND_LABELS[k] })), value: 'contribution' });
  const from = selectField({ label: 'De', name: 'lien-de', options, placeholder: 'Choisir un dispositif' });
  const to = selectField({ label: 'Vers', name: 'lien-vers', options, placeholder: 'Choisir un dispositif' });
  return form('Ajouter un lien', 'scenario-lien', () => add(addLinkChange(kind.get(), from.get(), to.get()), 'Lien ajouté au scénario'), kind.el, from.el, to.el);
}

function removeLinkForm(options: { value: string; label: string }[], add: Add, signal: AbortSignal, nameOf: (id: string) => string): HTMLElement {
  const which = selectField({ label: 'Dispositif', name: 'retrait-dispositif', options, placeholder: 'Choisir un dispositif' });
  const link = selectField({ label: 'Lien à retirer', name: 'retrait-lien', options: [], placeholder: 'Choisir d’abord un dispositif' });
  const found = new Map<string, { id: string; version: number }>();
  which.select.addEventListener('change', () => {
    records
      .list('links', { mechanism: which.get(), limit: '1000' }, signal)
      .then((list) => {
        found.clear();
        for (const r of list.items) found.set(r.id, r);
        link.setOptions(list.items.map((r) => ({ value: r.id, label: `${LINK_KIND_LABELS[r.data.kind]} : ${nameOf(r.data.from)} → ${nameOf(r.data.to)}` })));
      })
      .catch(() => link.setOptions([]));
  });
  const submit = async () => {
    const record = found.get(link.get());
    if (record) await add(removeLinkChange(record), 'Retrait du lien ajouté au scénario');
  };
  return form('Retirer un lien', 'scenario-retirer-lien', submit, which.el, link.el);
}

function coordinatorForm(options: { value: string; label: string }[], mechanisms: MechanismRecord[], add: Add): HTMLElement {
  const which = selectField({ label: 'Dispositif', name: 'coord-dispositif', options, placeholder: 'Choisir un dispositif' });
  const person = textField({ label: 'Personne (identifiant)', name: 'coord-personne', hint: 'L’identifiant d’une personne enregistrée, ex. : coord-niort' });
  const fte = textField({ label: 'ETP (facultatif)', name: 'coord-etp', inputmode: 'decimal', hint: 'Entre 0 et 1, ex. : 0,5' });
  const submit = async () => {
    const record = mechanisms.find((m) => m.id === which.get());
    const value = fte.get().trim() ? Number(fte.get().replace(',', '.')) : undefined;
    if (record) await add(coordinatorChange(record as unknown as { id: string; version: number; data: Mechanism }, person.get().trim(), value), 'Coordination ajoutée au scénario');
  };
  return form('Nommer un coordinateur', 'scenario-coordinateur', submit, which.el, person.el, fte.el);
}
