// The editing forms of the Données view: mechanisms, people and links. Each validates as the
// user types with the server's valibot schemas (lib/forms.ts), shows French messages next to
// the fields, and explains a stale edit (409) with an offer to reload the current version.
import type { Link, Mechanism, Person, StoredLink } from '../../../model/schema.ts';
import {
  ARTICULATION_FORMS,
  AVIS_OPINIONS,
  AVIS_STAGES,
  AVIS_STAGE_LABELS,
  CLSM_OBJECTIVES,
  CLS_OBJECTIVES,
  COPIL_ROLES,
  CREATION_CLSM_OBJECTIVE,
  FUNDERS,
  LINK_ENDS,
  LINK_KINDS,
  LINK_KIND_LABELS,
  MECHANISM_KINDS,
  MECHANISM_KIND_LABELS,
  MECHANISM_STATUSES,
  MECHANISM_STATUS_LABELS,
  PRIORITIES,
  PRIORITY_LABELS,
  PTSM_PRIORITIES,
  THEMES,
  type LinkKind,
  type MechanismKind,
} from '../../../model/vocabulary.ts';
import { api, ApiError, type EntityKind, type EntityRecord } from '../api.ts';
import type { AppContext } from '../context.ts';
import { alertBox, button, capitalise, errorAlert, h, replace, uid } from '../dom.ts';
import { OPINION_LABELS } from '../lib/avis.ts';
import {
  changedFields,
  collectErrors,
  emptyMechanismValues,
  linkToValues,
  LINK_FIELDS,
  MECHANISM_FIELDS,
  mechanismToValues,
  PERSON_FIELDS,
  personToValues,
  serverPath,
  validateLink,
  validateMechanism,
  validatePerson,
  valuesToLink,
  valuesToMechanism,
  valuesToPerson,
  type FieldErrors,
  type MechanismFormValues,
} from '../lib/forms.ts';
import { checkboxGroup, readFields, selectField, setFields, textField, triRadio, type Field } from '../ui/fields.ts';
import { territoryPicker } from '../ui/territory-picker.ts';

export interface FormCallbacks {
  onDone(message: string, id: string): void;
  onCancel(): void;
}

interface ErrorTarget {
  setError(message: string | undefined): void;
  focusTarget(): HTMLElement | null;
}

const ENTITY_LABEL: Record<EntityKind, { a: string; the: string }> = {
  mechanisms: { a: 'un dispositif', the: 'le dispositif' },
  people: { a: 'une personne', the: 'la personne' },
  links: { a: 'un lien', the: 'le lien' },
};


/**
 * Shared behaviour: as-you-type validation (touched fields first, every field after a submit
 * attempt), the error summary, submit, 409 handling.
 */
function formController<T extends Record<string, unknown>>(options: {
  ctx: AppContext;
  entity: EntityKind;
  record: EntityRecord<T> | null;
  fields: readonly string[];
  targets: Record<string, ErrorTarget>;
  build(): Record<string, unknown>;
  validate(candidate: Record<string, unknown>): FieldErrors;
  /** Put a record's values back into the form (reload after a conflict). */
  load(record: EntityRecord<T>): void;
  describe(candidate: Record<string, unknown>): string;
  callbacks: FormCallbacks;
}) {
  const { ctx, entity } = options;
  let record = options.record;
  let submitted = false;
  const touched = new Set<string>();
  const summary = h('div', { class: 'app-form__summary', tabindex: '-1' });
  const versionNote = h('p', { class: 'fr-text--xs app-mention' });
  const saveButton = button(record ? 'Enregistrer les modifications' : `Créer ${ENTITY_LABEL[entity].a}`, () => {}, { type: 'submit' });
  const cancelButton = button('Annuler', () => options.callbacks.onCancel(), { kind: 'secondary' });

  const showVersion = () => {
    versionNote.textContent = record ? `Version ${record.version}, modifiée le ${new Date(record.updatedAt).toLocaleString('fr-FR')}` : '';
  };
  showVersion();

  function check(all = false): FieldErrors {
    const errors = options.validate(options.build());
    for (const field of options.fields) {
      const target = options.targets[field];
      if (!target) continue;
      target.setError(all || submitted || touched.has(field) ? errors[field] : undefined);
    }
    return errors;
  }

  function onEdit(event: Event) {
    const fieldEl = (event.target as HTMLElement).closest<HTMLElement>('[data-field]');
    const field = fieldEl?.dataset.field;
    if (field) touched.add(field);
    check();
  }

  function showSummary(errors: FieldErrors) {
    const entries = Object.entries(errors);
    replace(
      summary,
      entries.length
        ? alertBox(
            'error',
            `Le formulaire contient ${entries.length} erreur${entries.length > 1 ? 's' : ''}`,
            h(
              'ul',
              null,
              entries.map(([field, message]) => {
                const target = options.targets[field];
                const label = capitalise(fieldLabel(field));
                const link = h('a', { href: '#', class: 'fr-link' }, `${label} : ${message}`);
                link.addEventListener('click', (e) => {
                  e.preventDefault();
                  target?.focusTarget()?.focus();
                });
                return h('li', null, target ? link : `${label} : ${message}`);
              }),
            ),
          )
        : null,
    );
  }

  async function submit(event: Event) {
    event.preventDefault();
    submitted = true;
    const candidate = options.build();
    const errors = check(true);
    if (Object.keys(errors).length) {
      showSummary(errors);
      summary.focus();
      return;
    }
    replace(summary);
    saveButton.disabled = true;
    saveButton.textContent = 'Enregistrement…';
    try {
      const saved = record ? await api.update(entity, record.id, candidate, record.version) : await api.create(entity, candidate as never);
      ctx.invalidate();
      options.callbacks.onDone(`${capitalise(ENTITY_LABEL[entity].the)} « ${options.describe(saved.data as Record<string, unknown>)} » a été ${record ? 'modifié' : 'créé'}${entity === 'people' ? 'e' : ''} (version ${saved.version}).`, saved.id);
    } catch (error) {
      handleError(error, candidate);
    } finally {
      saveButton.disabled = false;
      saveButton.textContent = record ? 'Enregistrer les modifications' : `Créer ${ENTITY_LABEL[entity].a}`;
    }
  }

  function handleError(error: unknown, candidate: Record<string, unknown>) {
    if (error instanceof ApiError && error.status === 409 && record && isRecord(error.body.current)) {
      const current = error.body.current as unknown as EntityRecord<T>;
      const changed = changedFields(record.data, current.data as Record<string, unknown>);
      const mine = changedFields(record.data, candidate);
      replace(
        summary,
        alertBox(
          'warning',
          'Quelqu’un a modifié cette fiche pendant que vous la modifiiez',
          h(
            'div',
            null,
            h('p', null, `Vous aviez ouvert la version ${record.version} ; la version actuelle est la ${current.version} (enregistrée le ${new Date(current.updatedAt).toLocaleString('fr-FR')}). Vos modifications n’ont pas été enregistrées, pour ne pas effacer les siennes.`),
            changed.length ? h('p', null, `Champs modifiés entre-temps : ${changed.map(fieldLabel).join(', ')}.`) : null,
            mine.length ? h('p', null, `Vos modifications portaient sur : ${mine.map(fieldLabel).join(', ')}. Notez-les avant de recharger.`) : null,
          ),
          {
            actions: [
              button('Recharger la version actuelle', () => {
                record = current;
                options.load(current);
                showVersion();
                replace(summary, alertBox('info', 'Version actuelle rechargée', `Vous pouvez refaire vos modifications sur la version ${current.version}.`, { small: true }));
                touched.clear();
                submitted = false;
                check();
              }, { icon: 'fr-icon-refresh-line' }),
              ' ',
              button('Continuer sans recharger', () => replace(summary), { kind: 'secondary' }),
            ],
          },
        ),
      );
      summary.focus();
      return;
    }
    if (error instanceof ApiError && error.issues.length) {
      const errors = collectErrors(error.issues.map((i) => ({ path: serverPath(i.path), message: i.message })), options.fields);
      for (const [field, message] of Object.entries(errors)) options.targets[field]?.setError(message);
    }
    replace(summary, errorAlert(error, record ? 'La modification a été refusée' : 'La création a été refusée'));
    summary.focus();
  }

  return {
    summary,
    versionNote,
    actions: h('div', { class: 'fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left app-form__actions' }, saveButton, cancelButton),
    onEdit,
    submit,
    check,
    get record() {
      return record;
    },
  };
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

const FIELD_LABELS: Record<string, string> = {
  '': 'Général',
  id: 'Identifiant',
  kind: 'Type',
  name: 'Nom',
  status: 'Statut',
  statusHistory: 'Historique des statuts',
  territory: 'Territoire',
  'dates.start': 'Début',
  'dates.end': 'Fin',
  'dates.signed': 'Signature',
  'dates.diagnosticAdopted': 'Adoption du diagnostic',
  'dates.adopted': 'Adoption du projet',
  priorities: 'Priorités',
  objectives: 'Objectifs',
  themes: 'Thèmes',
  mentalHealthComponent: 'Volet santé mentale',
  dates: 'Dates',
  governance: 'Gouvernance',
  'governance.copil.roles': 'Composition du COPIL',
  'governance.copil.meetingsPerYear': 'Réunions du COPIL',
  'governance.plenaryPerYear': 'Plénières',
  'governance.workingGroups': 'Groupes de travail',
  'governance.charter': 'Charte',
  'governance.funding': 'Financements',
  coordinators: 'Coordination',
  label: 'Libellé',
  trained: 'Formation',
  email: 'Courriel',
  phone: 'Téléphone',
  from: 'De',
  to: 'Vers',
  stage: 'Étape',
  date: 'Date',
  opinion: 'Sens de l’avis',
  response: 'Réponse du PTSM',
  forms: 'Formes',
};
function fieldLabel(field: string): string {
  return (Object.hasOwn(FIELD_LABELS, field) ? FIELD_LABELS[field] : field).toLowerCase(); // field comes from the server's issue paths
}

function section(title: string, ...children: (HTMLElement | null)[]): HTMLElement {
  return h('fieldset', { class: 'app-form__section' }, h('legend', { class: 'fr-h6 app-form__legend' }, title), children);
}

// =======================================================================================
// Mechanisms

export function mechanismForm(
  root: HTMLElement,
  ctx: AppContext,
  record: EntityRecord<Mechanism> | null,
  people: readonly { id: string; label: string }[],
  callbacks: FormCallbacks,
  prefill: Partial<MechanismFormValues> = {},
): { destroy(): void } {
  const initial = record ? mechanismToValues(record.data) : { ...emptyMechanismValues(), ...prefill };
  const idField = textField({ label: 'Identifiant', name: 'id', value: initial.id, hint: record ? 'Ne peut pas changer.' : 'Minuscules, chiffres et tirets. Laissez vide pour le générer à partir du type et du nom.', readOnly: Boolean(record), placeholder: 'ex. : clsm-niort' });
  const kindField = selectField({ label: 'Type', name: 'kind', required: true, value: initial.kind, options: MECHANISM_KINDS.map((k) => ({ value: k, label: `${k} — ${MECHANISM_KIND_LABELS[k]}` })) });
  const nameField = textField({ label: 'Nom', name: 'name', required: true, value: initial.name, placeholder: 'ex. : CLSM de Niort' });
  const statusField = selectField({ label: 'Statut', name: 'status', required: true, value: initial.status, options: MECHANISM_STATUSES.map((s) => ({ value: s, label: MECHANISM_STATUS_LABELS[s] })) });
  // The last entry of the history is the current status: choosing it sets the status.
  const historyField = statusHistoryEditor(initial.statusHistory, (last) => {
    if (last) statusField.set(last);
    ctrl.check();
  });
  const territory = territoryPicker(ctx, { communes: initial.communes, epci: initial.epci, departements: initial.departements }, () => {
    ctrl.check();
  });
  const date = (label: string, name: string, value: string, hint?: string) => textField({ label, name, value, type: 'date', ...(hint ? { hint } : {}) });
  const startField = date('Début', 'dates.start', initial.start);
  const endField = date('Fin', 'dates.end', initial.end);
  const signedField = date('Signature du contrat', 'dates.signed', initial.signed, 'Depuis la loi 3DS (21 février 2022), un CLS doit comporter un volet santé mentale.');
  const diagField = date('Adoption du diagnostic territorial partagé', 'dates.diagnosticAdopted', initial.diagnosticAdopted, 'Arrêté du DG de l’ARS.');
  const adoptedField = date('Adoption du projet territorial', 'dates.adopted', initial.adopted, 'Arrêté du DG de l’ARS ; le PTSM vaut 5 ans.');
  const prioritiesFor = (kind: string) => {
    const list = kind === 'CLSM' ? CLSM_OBJECTIVES : kind === 'PTSM' ? PTSM_PRIORITIES : kind === 'CLS' ? CLS_OBJECTIVES : PRIORITIES;
    return list.map((p) => ({ value: p, label: PRIORITY_LABELS[p] }));
  };
  const prioritiesField = checkboxGroup({ legend: 'Priorités et objectifs du référentiel', name: 'priorities', options: prioritiesFor(initial.kind), values: initial.priorities });
  const objectivesField = textField({ label: 'Objectifs (étiquettes libres)', name: 'objectives', value: initial.objectives, hint: `Séparés par des virgules. Pour un PTSM, « ${CREATION_CLSM_OBJECTIVE} » indique l’objectif de créer des CLSM là où il n’y en a pas.` });
  const themesField = checkboxGroup({ legend: 'Thèmes de travail', name: 'themes', inline: true, options: THEMES.map((t) => ({ value: t.id, label: t.label })), values: initial.themes });
  const mhcField = triRadio({ legend: 'Le contrat comporte un volet santé mentale', name: 'mentalHealthComponent', value: initial.mentalHealthComponent, hint: 'CSP L.1434-10 IV ; le volet peut être le CLSM.' });
  const rolesField = checkboxGroup({ legend: 'Composition du COPIL', name: 'governance.copil.roles', hint: 'Minimum du référentiel : élu, psychiatrie publique, usagers, aidants. Ne cochez rien si la composition est inconnue.', options: COPIL_ROLES.map((r) => ({ value: r.id, label: `${r.label}${r.required ? ' (requis)' : ''}` })), values: initial.copilRoles });
  const meetingsField = textField({ label: 'Réunions du COPIL par an', name: 'governance.copil.meetingsPerYear', value: initial.copilMeetings, inputmode: 'numeric', hint: 'Au moins 2 par an.' });
  const plenaryField = textField({ label: 'Assemblées plénières par an', name: 'governance.plenaryPerYear', value: initial.plenary, inputmode: 'numeric', hint: 'Au moins 1 par an.' });
  const charterField = triRadio({ legend: 'Charte de fonctionnement', name: 'governance.charter', value: initial.charter });
  const fundingField = checkboxGroup({ legend: 'Financements', name: 'governance.funding', inline: true, hint: 'Le référentiel encourage un financement tripartite (collectivité, psychiatrie, ARS).', options: FUNDERS.map((f) => ({ value: f, label: FUNDER_LABELS[f] ?? f })), values: initial.funding });

  // Working groups and coordinators: repeatable rows.
  const groupsList = h('div', { class: 'app-rows' });
  let groupRows: { theme: HTMLInputElement; title: HTMLInputElement; el: HTMLElement }[] = [];
  const themeListId = uid('themes');
  const addGroup = (theme = '', title = '') => {
    const tId = uid('gt-theme');
    const nId = uid('gt-titre');
    const themeInput = h('input', { class: 'fr-input', id: tId, list: themeListId, value: theme, name: 'gt-theme' });
    const titleInput = h('input', { class: 'fr-input', id: nId, value: title, name: 'gt-titre' });
    const row = { theme: themeInput, title: titleInput, el: h('div') };
    const remove = button('Retirer', () => {
      groupRows = groupRows.filter((r) => r !== row);
      row.el.remove();
      ctrl.check();
    }, { kind: 'tertiary-no-outline', small: true, icon: 'fr-icon-delete-line' });
    row.el = h('div', { class: 'app-row' }, h('div', { class: 'fr-input-group' }, h('label', { class: 'fr-label', for: tId }, 'Thème'), themeInput), h('div', { class: 'fr-input-group' }, h('label', { class: 'fr-label', for: nId }, 'Intitulé'), titleInput), remove);
    groupRows.push(row);
    groupsList.appendChild(row.el);
  };
  initial.workingGroups.forEach((w) => addGroup(w.theme, w.title));
  const groupsField = compositeWithRows('Groupes de travail', 'governance.workingGroups', groupsList, button('Ajouter un groupe de travail', () => addGroup(), { kind: 'secondary', small: true, icon: 'fr-icon-add-line' }), h('datalist', { id: themeListId }, THEMES.map((t) => h('option', { value: t.id }, t.label))));

  const coordList = h('div', { class: 'app-rows' });
  let coordRows: { person: HTMLSelectElement; fte: HTMLInputElement; el: HTMLElement }[] = [];
  const addCoordinator = (person = '', fte = '') => {
    const pId = uid('coord');
    const fId = uid('etp');
    const select = h('select', { class: 'fr-select', id: pId, name: 'coord-personne' }, h('option', { value: '' }, 'Choisir une personne'), people.map((p) => h('option', { value: p.id }, `${p.label} (${p.id})`)));
    if (person && !people.some((p) => p.id === person)) select.appendChild(h('option', { value: person }, person));
    select.value = person;
    const fteInput = h('input', { class: 'fr-input', id: fId, value: fte, inputmode: 'decimal', name: 'coord-etp', placeholder: 'ex. : 0,5' });
    const row = { person: select, fte: fteInput, el: h('div') };
    const remove = button('Retirer', () => {
      coordRows = coordRows.filter((r) => r !== row);
      row.el.remove();
      ctrl.check();
    }, { kind: 'tertiary-no-outline', small: true, icon: 'fr-icon-delete-line' });
    row.el = h('div', { class: 'app-row' }, h('div', { class: 'fr-select-group' }, h('label', { class: 'fr-label', for: pId }, 'Personne'), select), h('div', { class: 'fr-input-group app-row__small' }, h('label', { class: 'fr-label', for: fId }, 'ETP'), fteInput), remove);
    coordRows.push(row);
    coordList.appendChild(row.el);
  };
  initial.coordinators.forEach((c) => addCoordinator(c.person, c.fte));
  const coordField = compositeWithRows('Coordination', 'coordinators', coordList, button('Ajouter un coordinateur', () => addCoordinator(), { kind: 'secondary', small: true, icon: 'fr-icon-add-line' }), people.length === 0 ? h('p', { class: 'fr-text--xs app-mention' }, 'Aucune personne enregistrée : créez-la d’abord dans l’onglet Personnes.') : null);

  const governance = section('Gouvernance (CLSM)', rolesField.el, h('div', { class: 'app-form__grid' }, meetingsField.el, plenaryField.el), charterField.el, fundingField.el, groupsField.el);
  const clsSection = section('Contrat local de santé', signedField.el, mhcField.el);
  const ptsmSection = section('Adoption du PTSM', h('div', { class: 'app-form__grid' }, diagField.el, adoptedField.el));

  const read = (): MechanismFormValues => ({
    id: idField.get(),
    kind: kindField.get(),
    name: nameField.get(),
    status: statusField.get(),
    statusHistory: historyField.get(),
    ...territory.get(),
    start: startField.get(),
    end: endField.get(),
    signed: signedField.get(),
    diagnosticAdopted: diagField.get(),
    adopted: adoptedField.get(),
    priorities: prioritiesField.get(),
    objectives: objectivesField.get(),
    themes: themesField.get(),
    mentalHealthComponent: mhcField.get(),
    copilRoles: rolesField.get(),
    copilMeetings: meetingsField.get(),
    plenary: plenaryField.get(),
    charter: charterField.get(),
    funding: fundingField.get(),
    workingGroups: groupRows.map((r) => ({ theme: r.theme.value.trim(), title: r.title.value.trim() })),
    coordinators: coordRows.map((r) => ({ person: r.person.value, fte: r.fte.value })),
  });

  const targets: Record<string, ErrorTarget> = {
    id: idField,
    kind: kindField,
    name: nameField,
    status: statusField,
    statusHistory: historyField,
    territory,
    'dates.start': startField,
    'dates.end': endField,
    'dates.signed': signedField,
    'dates.diagnosticAdopted': diagField,
    'dates.adopted': adoptedField,
    priorities: prioritiesField,
    objectives: objectivesField,
    themes: themesField,
    mentalHealthComponent: mhcField,
    'governance.copil.roles': rolesField,
    'governance.copil.meetingsPerYear': meetingsField,
    'governance.plenaryPerYear': plenaryField,
    'governance.charter': charterField,
    'governance.funding': fundingField,
    'governance.workingGroups': groupsField,
    coordinators: coordField,
  };

  let base: Mechanism | undefined = record?.data;
  const ctrl = formController<Mechanism & Record<string, unknown>>({
    ctx,
    entity: 'mechanisms',
    record: record as EntityRecord<Mechanism & Record<string, unknown>> | null,
    fields: MECHANISM_FIELDS,
    targets,
    build: () => valuesToMechanism(read(), base),
    validate: (c) => validateMechanism(c, { idOptional: !record }),
    load: (r) => {
      base = r.data;
      const v = mechanismToValues(r.data);
      idField.set(v.id);
      kindField.set(v.kind);
      nameField.set(v.name);
      statusField.set(v.status);
      historyField.set(v.statusHistory);
      territory.set(v);
      startField.set(v.start);
      endField.set(v.end);
      signedField.set(v.signed);
      diagField.set(v.diagnosticAdopted);
      adoptedField.set(v.adopted);
      prioritiesField.setOptions(prioritiesFor(v.kind));
      prioritiesField.set(v.priorities);
      objectivesField.set(v.objectives);
      themesField.set(v.themes);
      mhcField.set(v.mentalHealthComponent);
      rolesField.set(v.copilRoles);
      meetingsField.set(v.copilMeetings);
      plenaryField.set(v.plenary);
      charterField.set(v.charter);
      fundingField.set(v.funding);
      groupRows.forEach((r) => r.el.remove());
      groupRows = [];
      v.workingGroups.forEach((w) => addGroup(w.theme, w.title));
      coordRows.forEach((r) => r.el.remove());
      coordRows = [];
      v.coordinators.forEach((c) => addCoordinator(c.person, c.fte));
      syncKind();
    },
    describe: (d) => String(d.name ?? d.id),
    callbacks,
  });

  function syncKind() {
    const kind = kindField.get() as MechanismKind;
    governance.hidden = kind !== 'CLSM';
    clsSection.hidden = kind !== 'CLS';
    ptsmSection.hidden = kind !== 'PTSM';
    prioritiesField.setOptions(prioritiesFor(kind));
  }
  kindField.select.addEventListener('change', syncKind);

  const formId = uid('form');
  const form = h(
    'form',
    { class: 'app-form', id: formId, novalidate: true, 'aria-labelledby': `${formId}-titre` },
    h('h2', { class: 'fr-h4', id: `${formId}-titre` }, record ? `Modifier « ${record.data.name} »` : 'Nouveau dispositif'),
    ctrl.versionNote,
    h('p', { class: 'fr-text--sm app-mention' }, 'Les champs marqués * sont obligatoires. Les erreurs s’affichent à côté des champs pendant la saisie.'),
    ctrl.summary,
    section('Identification', h('div', { class: 'app-form__grid' }, kindField.el, statusField.el), nameField.el, idField.el),
    h('div', { class: 'app-form__section app-form__section--plain' }, territory.el),
    section('Dates', h('div', { class: 'app-form__grid' }, startField.el, endField.el), historyField.el),
    clsSection,
    ptsmSection,
    section('Contenu', prioritiesField.el, objectivesField.el, themesField.el),
    governance,
    section('Coordination', coordField.el),
    ctrl.actions,
  );
  form.addEventListener('input', ctrl.onEdit);
  form.addEventListener('change', ctrl.onEdit);
  form.addEventListener('submit', ctrl.submit);
  syncKind();
  replace(root, form);
  if (!record) nameField.input.focus();
  else (form.querySelector('h2') as HTMLElement | null)?.setAttribute('tabindex', '-1');
  return { destroy: () => territory.destroy() };
}

/**
 * The dated status history (DOMAIN.md §4): rows of a status and the date it applies from, oldest
 * first, added and removed at will. `onChange` is told the last row's status.
 */
function statusHistoryEditor(initial: readonly { status: string; from: string }[], onChange: (lastStatus: string | undefined) => void) {
  const list = h('div', { class: 'app-rows' });
  let rows: { status: HTMLSelectElement; from: HTMLInputElement; el: HTMLElement }[] = [];
  const changed = () => onChange(rows.at(-1)?.status.value || undefined);
  const add = (status = '', from = '') => {
    const sId = uid('hist-statut');
    const dId = uid('hist-date');
    const select = h('select', { class: 'fr-select', id: sId, name: 'historique-statut' }, h('option', { value: '' }, 'Choisir un statut'), MECHANISM_STATUSES.map((st) => h('option', { value: st }, MECHANISM_STATUS_LABELS[st])));
    select.value = status;
    const date = h('input', { class: 'fr-input', id: dId, type: 'date', value: from, name: 'historique-date' });
    const row = { status: select, from: date, el: h('div') };
    select.addEventListener('change', changed);
    const remove = button('Retirer', () => {
      rows = rows.filter((r) => r !== row);
      row.el.remove();
      changed();
    }, { kind: 'tertiary-no-outline', small: true, icon: 'fr-icon-delete-line' });
    row.el = h('div', { class: 'app-row' }, h('div', { class: 'fr-select-group' }, h('label', { class: 'fr-label', for: sId }, 'Statut'), select), h('div', { class: 'fr-input-group' }, h('label', { class: 'fr-label', for: dId }, 'À partir du'), date), remove);
    rows.push(row);
    list.appendChild(row.el);
  };
  initial.forEach((e) => add(e.status, e.from));
  const field = compositeWithRows(
    'Historique des statuts',
    'statusHistory',
    list,
    button('Ajouter un statut daté', () => add(), { kind: 'secondary', small: true, icon: 'fr-icon-add-line' }),
    h('p', { class: 'fr-text--xs app-mention' }, 'Facultatif. Chaque ligne donne le statut à partir de sa date, de la plus ancienne à la plus récente ; la dernière est le statut actuel. Exemple : actif à partir de 2017, en sommeil à partir de mars 2024. Les analyses à une date passée lisent le statut de cette date.'),
  );
  return {
    ...field,
    get: () => rows.map((r) => ({ status: r.status.value, from: r.from.value })),
    set(values: readonly { status: string; from: string }[]) {
      rows.forEach((r) => r.el.remove());
      rows = [];
      values.forEach((e) => add(e.status, e.from));
    },
  };
}

const FUNDER_LABELS: Record<string, string> = {
  collectivite: 'Collectivité',
  psychiatrie: 'Psychiatrie publique',
  ars: 'ARS',
  etat: 'État',
  departement: 'Conseil départemental',
  autre: 'Autre',
};

function compositeWithRows(legend: string, name: string, list: HTMLElement, add: HTMLElement, ...extra: (HTMLElement | null)[]): ErrorTarget & { el: HTMLElement } {
  const messages = h('div', { class: 'fr-messages-group', 'aria-live': 'polite' });
  const el = h(
    'fieldset',
    { class: 'fr-fieldset', dataset: { field: name } },
    h('legend', { class: 'fr-fieldset__legend fr-fieldset__legend--regular' }, legend),
    h('div', { class: 'fr-fieldset__element' }, list, h('div', { class: 'fr-mt-1w' }, add), extra),
    h('div', { class: 'fr-fieldset__element' }, messages),
  );
  return {
    el,
    setError(message) {
      messages.replaceChildren(...(message ? [h('p', { class: 'fr-message fr-message--error' }, message)] : []));
      el.classList.toggle('fr-fieldset--error', Boolean(message));
    },
    focusTarget: () => el.querySelector('input, select'),
  };
}

// =======================================================================================
// People

export function personForm(root: HTMLElement, ctx: AppContext, record: EntityRecord<Person> | null, callbacks: FormCallbacks): { destroy(): void } {
  const initial = personToValues(record?.data);
  const idField = textField({ label: 'Identifiant', name: 'id', value: initial.id, readOnly: Boolean(record), hint: record ? 'Ne peut pas changer.' : 'Laissez vide pour le générer à partir du libellé.' });
  const labelField = textField({ label: 'Libellé', name: 'label', required: true, value: initial.label, hint: 'Une fonction plutôt qu’un nom (ex. : « Coordination CLSM Niort »).' });
  const trainedField = triRadio({ legend: 'Formation à la coordination de CLSM', name: 'trained', value: initial.trained });
  const emailField = textField({ label: 'Courriel', name: 'email', type: 'email', value: initial.email, autocomplete: 'email' });
  const phoneField = textField({ label: 'Téléphone', name: 'phone', type: 'tel', value: initial.phone, autocomplete: 'tel' });
  const fields = { id: idField, label: labelField, trained: trainedField, email: emailField, phone: phoneField };
  let base: Person | undefined = record?.data;
  const ctrl = formController<Person & Record<string, unknown>>({
    ctx,
    entity: 'people',
    record: record as EntityRecord<Person & Record<string, unknown>> | null,
    fields: PERSON_FIELDS,
    targets: fields,
    build: () => valuesToPerson(readFields(fields), base),
    validate: (c) => validatePerson(c, { idOptional: !record }),
    load: (r) => {
      base = r.data;
      setFields(fields, personToValues(r.data));
    },
    describe: (d) => String(d.label ?? d.id),
    callbacks,
  });
  const formId = uid('form');
  const form = h(
    'form',
    { class: 'app-form', novalidate: true, 'aria-labelledby': `${formId}-titre` },
    h('h2', { class: 'fr-h4', id: `${formId}-titre` }, record ? `Modifier « ${record.data.label} »` : 'Nouvelle personne'),
    ctrl.versionNote,
    ctrl.summary,
    section('Personne', labelField.el, idField.el, trainedField.el, h('div', { class: 'app-form__grid' }, emailField.el, phoneField.el)),
    ctrl.actions,
  );
  form.addEventListener('input', ctrl.onEdit);
  form.addEventListener('change', ctrl.onEdit);
  form.addEventListener('submit', ctrl.submit);
  replace(root, form);
  if (!record) labelField.input.focus();
  return { destroy() {} };
}

// =======================================================================================
// Links

export interface MechanismOption {
  id: string;
  name: string;
  kind: MechanismKind;
}

export function linkForm(
  root: HTMLElement,
  ctx: AppContext,
  record: EntityRecord<StoredLink> | null,
  mechanisms: readonly MechanismOption[],
  callbacks: FormCallbacks,
  prefill: Partial<Link> = {},
): { destroy(): void } {
  const initial = linkToValues(record?.data ?? prefill);
  const byId = new Map(mechanisms.map((m) => [m.id, m]));
  const kindOf = (id: string) => byId.get(id)?.kind;
  const kindField = selectField({ label: 'Type de lien', name: 'kind', required: true, value: initial.kind, options: LINK_KINDS.map((k) => ({ value: k, label: LINK_KIND_LABELS[k] })) });
  const endOptions = (kind: LinkKind, end: 'from' | 'to', keep: string) => {
    const allowed = LINK_ENDS[kind]?.[end] ?? null;
    return mechanisms
      .filter((m) => allowed === null || allowed.includes(m.kind) || m.id === keep)
      .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name, 'fr'))
      .map((m) => ({ value: m.id, label: `${m.name} (${m.id})`, group: MECHANISM_KIND_LABELS[m.kind] }));
  };
  const fromField = selectField({ label: 'De', name: 'from', required: true, placeholder: 'Choisir le dispositif de départ', options: endOptions(initial.kind as LinkKind, 'from', initial.from), value: initial.from });
  const toField = selectField({ label: 'Vers', name: 'to', required: true, placeholder: 'Choisir le dispositif d’arrivée', options: endOptions(initial.kind as LinkKind, 'to', initial.to), value: initial.to });
  const stageField = selectField({ label: 'Étape', name: 'stage', value: initial.stage, options: AVIS_STAGES.map((s) => ({ value: s, label: `Avis sur le ${AVIS_STAGE_LABELS[s]}` })) });
  const dateField = textField({ label: 'Date', name: 'date', type: 'date', value: initial.date, hint: 'Pour un avis : la date de la délibération ; un avis daté après l’adoption est « en retard ».' });
  const opinionField = selectField({ label: 'Sens de l’avis', name: 'opinion', value: initial.opinion, placeholder: 'Non renseigné', options: AVIS_OPINIONS.map((o) => ({ value: o, label: OPINION_LABELS[o] })) });
  const responseField = textField({ label: 'Réponse du PTSM', name: 'response', value: initial.response, hint: 'Pour un avis avec réserves ou défavorable : comment le PTSM en a tenu compte (référentiel, annexe 1 §8).' });
  const prioritiesField = checkboxGroup({ legend: 'Priorités du PTSM déclinées', name: 'priorities', options: PTSM_PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] })), values: initial.priorities });
  const formsField = checkboxGroup({ legend: 'Formes de l’articulation', name: 'forms', inline: true, options: ARTICULATION_FORMS.map((f) => ({ value: f, label: FORM_LABELS[f] ?? f })), values: initial.forms });
  const fields = { kind: kindField, from: fromField, to: toField, stage: stageField, date: dateField, opinion: opinionField, response: responseField, priorities: prioritiesField, forms: formsField };
  let base: StoredLink | undefined = record?.data;
  const ctrl = formController<StoredLink & Record<string, unknown>>({
    ctx,
    entity: 'links',
    record: record as EntityRecord<StoredLink & Record<string, unknown>> | null,
    fields: LINK_FIELDS,
    targets: fields,
    build: () => valuesToLink(readFields(fields), base),
    validate: (c) => validateLink(c, kindOf),
    load: (r) => {
      base = r.data;
      const v = linkToValues(r.data);
      kindField.set(v.kind);
      syncKind(); // the ends' options follow the kind: before the ends are set
      setFields(fields, v);
    },
    describe: (d) => `${byId.get(String(d.from))?.name ?? d.from} → ${byId.get(String(d.to))?.name ?? d.to}`,
    callbacks,
  });
  const avisFields = h('div', { class: 'app-form__grid' }, stageField.el, opinionField.el);
  function syncKind() {
    const kind = kindField.get() as LinkKind;
    const from = fromField.get();
    const to = toField.get();
    fromField.setOptions(endOptions(kind, 'from', from));
    toField.setOptions(endOptions(kind, 'to', to));
    avisFields.hidden = kind !== 'avis';
    responseField.el.hidden = kind !== 'avis';
    if (kind === 'avis' && !stageField.get()) stageField.set('projet');
    prioritiesField.el.hidden = kind !== 'declinaison';
    formsField.el.hidden = kind !== 'articulation';
  }
  kindField.select.addEventListener('change', syncKind);
  const formId = uid('form');
  const form = h(
    'form',
    { class: 'app-form', novalidate: true, 'aria-labelledby': `${formId}-titre` },
    h('h2', { class: 'fr-h4', id: `${formId}-titre` }, record ? 'Modifier le lien' : 'Nouveau lien'),
    ctrl.versionNote,
    mechanisms.length === 0 ? alertBox('info', 'Aucun dispositif sur ce territoire', 'Choisissez un autre territoire en haut de page ou créez d’abord les dispositifs à relier.', { small: true }) : null,
    ctrl.summary,
    section('Lien', kindField.el, h('div', { class: 'app-form__grid' }, fromField.el, toField.el), avisFields, dateField.el, responseField.el, prioritiesField.el, formsField.el),
    ctrl.actions,
  );
  form.addEventListener('input', ctrl.onEdit);
  form.addEventListener('change', ctrl.onEdit);
  form.addEventListener('submit', ctrl.submit);
  syncKind();
  replace(root, form);
  // A prefilled link (from a finding) is shown validated at once.
  if (!record && (prefill.from || prefill.to)) ctrl.check(true);
  kindField.select.focus();
  return { destroy() {} };
}

const FORM_LABELS: Record<string, string> = {
  copil: 'Présence au COPIL',
  'diagnostic-partage': 'Diagnostic partagé',
  'feuille-de-route': 'Feuille de route commune',
  convention: 'Convention',
  coordination: 'Coordination',
};

export type { Field };
