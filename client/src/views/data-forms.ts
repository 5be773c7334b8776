// The editing forms of the Données view: mechanisms, people and links. Each validates as the
// user types with the server's valibot schemas (lib/forms.ts), shows French messages next to
// the fields, and explains a stale edit (409) with an offer to reload the current version
// (ui/form-controller.ts).
import type { Link, Mechanism, Person } from '../../../model/schema.ts';
import {
  ARTICULATION_FORMS,
  ARTICULATION_FORM_LABELS,
  AVIS_OPINIONS,
  AVIS_OPINION_LABELS,
  AVIS_STAGES,
  AVIS_STAGE_LABELS,
  CLSM_OBJECTIVES,
  CLS_OBJECTIVES,
  COPIL_ROLES,
  CREATION_CLSM_OBJECTIVE,
  FUNDERS,
  FUNDER_LABELS,
  FIELD_LABELS,
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
import type { EntityRecord } from '../api.ts';
import type { AppContext } from '../context.ts';
import { alertBox, h, replace, uid } from '../dom.ts';
import {
  emptyMechanismValues,
  linkToValues,
  LINK_FIELDS,
  MECHANISM_FIELDS,
  mechanismToValues,
  PERSON_FIELDS,
  personToValues,
  validateLink,
  validateMechanism,
  validatePerson,
  valuesToLink,
  valuesToMechanism,
  valuesToPerson,
  type MechanismFormValues,
} from '../lib/forms.ts';
import { checkboxGroup, readFields, selectField, setFields, textField, triRadio } from '../ui/fields.ts';
import { formController, targetsOf, type FormCallbacks } from '../ui/form-controller.ts';
import { rowsField } from '../ui/rows-field.ts';
import { territoryPicker } from '../ui/territory-picker.ts';

export type { FormCallbacks };

function section(title: string, ...children: (HTMLElement | null)[]): HTMLElement {
  return h('fieldset', { class: 'app-form__section' }, h('legend', { class: 'fr-h6 app-form__legend' }, title), children);
}

function formShell(title: string, ...children: (HTMLElement | string | null)[]): HTMLFormElement {
  const formId = uid('form');
  return h('form', { class: 'app-form', id: formId, novalidate: true, 'aria-labelledby': `${formId}-titre` }, h('h2', { class: 'fr-h4', id: `${formId}-titre`, tabindex: '-1' }, title), children);
}

// =======================================================================================
// Mechanisms

const prioritiesFor = (kind: string) => (kind === 'CLSM' ? CLSM_OBJECTIVES : kind === 'PTSM' ? PTSM_PRIORITIES : kind === 'CLS' ? CLS_OBJECTIVES : PRIORITIES).map((p) => ({ value: p, label: PRIORITY_LABELS[p] }));

/** Every field of the mechanism form but the territory, keyed as MechanismFormValues. */
function mechanismFields(initial: MechanismFormValues, people: readonly { id: string; label: string }[], record: boolean, onRowsChange: () => void) {
  const date = (label: string, name: string, value: string, hint?: string) => textField({ label, name, value, type: 'date', ...(hint ? { hint } : {}) });
  const themeListId = uid('themes');
  return {
    kind: selectField({ label: 'Type', name: 'kind', required: true, value: initial.kind, options: MECHANISM_KINDS.map((k) => ({ value: k, label: `${k} — ${MECHANISM_KIND_LABELS[k]}` })) }),
    status: selectField({ label: 'Statut', name: 'status', required: true, value: initial.status, options: MECHANISM_STATUSES.map((s) => ({ value: s, label: MECHANISM_STATUS_LABELS[s] })) }),
    name: textField({ label: 'Nom', name: 'name', required: true, value: initial.name, placeholder: 'ex. : CLSM de Niort' }),
    statusHistory: statusHistoryField(initial.statusHistory, onRowsChange),
    id: textField({ label: 'Identifiant', name: 'id', value: initial.id, hint: record ? 'Ne peut pas changer.' : 'Minuscules, chiffres et tirets. Laissez vide pour le générer à partir du type et du nom.', readOnly: record, placeholder: 'ex. : clsm-niort' }),
    start: date('Début', 'dates.start', initial.start),
    end: date('Fin', 'dates.end', initial.end),
    signed: date('Signature du contrat', 'dates.signed', initial.signed, 'Depuis la loi 3DS (21 février 2022), un CLS doit comporter un volet santé mentale.'),
    diagnosticAdopted: date('Adoption du diagnostic territorial partagé', 'dates.diagnosticAdopted', initial.diagnosticAdopted, 'Arrêté du DG de l’ARS.'),
    adopted: date('Adoption du projet territorial', 'dates.adopted', initial.adopted, 'Arrêté du DG de l’ARS ; le PTSM vaut 5 ans.'),
    priorities: checkboxGroup({ legend: 'Priorités et objectifs du référentiel', name: 'priorities', options: prioritiesFor(initial.kind), values: initial.priorities }),
    objectives: textField({ label: 'Objectifs (étiquettes libres)', name: 'objectives', value: initial.objectives, hint: `Séparés par des virgules. Pour un PTSM, « ${CREATION_CLSM_OBJECTIVE} » indique l’objectif de créer des CLSM là où il n’y en a pas.` }),
    themes: checkboxGroup({ legend: 'Thèmes de travail', name: 'themes', inline: true, options: THEMES.map((t) => ({ value: t.id, label: t.label })), values: initial.themes }),
    mentalHealthComponent: triRadio({ legend: 'Le contrat comporte un volet santé mentale', name: 'mentalHealthComponent', value: initial.mentalHealthComponent, hint: 'CSP L.1434-10 IV ; le volet peut être le CLSM.' }),
    copilRoles: checkboxGroup({ legend: 'Composition du COPIL', name: 'governance.copil.roles', hint: 'Minimum du référentiel : élu, psychiatrie publique, usagers, aidants. Ne cochez rien si la composition est inconnue.', options: COPIL_ROLES.map((r) => ({ value: r.id, label: `${r.label}${r.required ? ' (requis)' : ''}` })), values: initial.copilRoles }),
    copilMeetings: textField({ label: 'Réunions du COPIL par an', name: 'governance.copil.meetingsPerYear', value: initial.copilMeetings, inputmode: 'numeric', hint: 'Au moins 2 par an.' }),
    plenary: textField({ label: 'Assemblées plénières par an', name: 'governance.plenaryPerYear', value: initial.plenary, inputmode: 'numeric', hint: 'Au moins 1 par an.' }),
    charter: triRadio({ legend: 'Charte de fonctionnement', name: 'governance.charter', value: initial.charter }),
    funding: checkboxGroup({ legend: 'Financements', name: 'governance.funding', inline: true, hint: 'Le référentiel encourage un financement tripartite (collectivité, psychiatrie, ARS).', options: FUNDERS.map((f) => ({ value: f, label: FUNDER_LABELS[f] })), values: initial.funding }),
    workingGroups: rowsField({
      legend: 'Groupes de travail',
      name: 'governance.workingGroups',
      addLabel: 'Ajouter un groupe de travail',
      values: initial.workingGroups,
      onChange: onRowsChange,
      extra: h('datalist', { id: themeListId }, THEMES.map((t) => h('option', { value: t.id }, t.label))),
      row: (w = { theme: '', title: '' }) => {
        const theme = textField({ label: 'Thème', name: 'gt-theme', value: w.theme, list: themeListId });
        const title = textField({ label: 'Intitulé', name: 'gt-titre', value: w.title });
        return { cells: [theme.el, title.el], read: () => ({ theme: theme.get().trim(), title: title.get().trim() }) };
      },
    }),
    coordinators: rowsField({
      legend: 'Coordination',
      name: 'coordinators',
      addLabel: 'Ajouter un coordinateur',
      values: initial.coordinators,
      onChange: onRowsChange,
      extra: people.length === 0 ? h('p', { class: 'fr-text--xs app-mention' }, 'Aucune personne enregistrée : créez-la d’abord dans l’onglet Personnes.') : null,
      row: (c = { person: '', fte: '' }) => {
        const known = people.some((p) => p.id === c.person);
        // People by their label; two of the same label are told apart by a number, never by their id.
        const seen = new Map<string, number>();
        const options = [
          ...people.map((p) => {
            const n = (seen.get(p.label) ?? 0) + 1;
            seen.set(p.label, n);
            return { value: p.id, label: n > 1 ? `${p.label} (${n})` : p.label };
          }),
          ...(c.person && !known ? [{ value: c.person, label: 'Personne inconnue ou pseudonymisée' }] : []),
        ];
        const person = selectField({ label: 'Personne', name: 'coord-personne', placeholder: 'Choisir une personne', options, value: c.person });
        const fte = textField({ label: 'ETP', name: 'coord-etp', value: c.fte, inputmode: 'decimal', placeholder: 'ex. : 0,5' });
        fte.el.classList.add('app-row__small');
        return { cells: [person.el, fte.el], read: () => ({ person: person.get(), fte: fte.get() }) };
      },
    }),
  };
}

/**
 * The dated status history (docs/format.md, « Historique des statuts »): rows of a status and the
 * date it applies from, oldest first. The form sets the status from the last row.
 */
function statusHistoryField(values: MechanismFormValues['statusHistory'], onChange: () => void) {
  const statuses = MECHANISM_STATUSES.map((s) => ({ value: s, label: MECHANISM_STATUS_LABELS[s] }));
  return rowsField({
    legend: FIELD_LABELS.statusHistory,
    name: 'statusHistory',
    addLabel: 'Ajouter un statut daté',
    values,
    onChange,
    extra: h('p', { class: 'fr-text--xs app-mention' }, 'Facultatif. Chaque ligne donne le statut à partir de sa date, de la plus ancienne à la plus récente ; la dernière est le statut actuel. Exemple : actif à partir de 2017, en sommeil à partir de mars 2024. Les analyses à une date passée lisent le statut de cette date.'),
    row: (e = { status: '', from: '' }) => {
      const status = selectField({ label: 'Statut', name: 'historique-statut', placeholder: 'Choisir un statut', options: statuses, value: e.status });
      const from = textField({ label: 'À partir du', name: 'historique-date', type: 'date', value: e.from });
      return { cells: [status.el, from.el], read: () => ({ status: status.get(), from: from.get() }) };
    },
  });
}

export function mechanismForm(
  root: HTMLElement,
  ctx: AppContext,
  record: EntityRecord<'mechanisms'> | null,
  people: readonly { id: string; label: string }[],
  callbacks: FormCallbacks,
  prefill: Partial<MechanismFormValues> = {},
): { destroy(): void } {
  const initial = record ? mechanismToValues(record.data as Mechanism) : { ...emptyMechanismValues(), ...prefill };
  const territory = territoryPicker(ctx, { communes: initial.communes, epci: initial.epci, departements: initial.departements }, () => ctrl.check());
  const f = mechanismFields(initial, people, Boolean(record), () => syncStatus());
  // The last entry of the history is the current status: choosing it sets the status.
  function syncStatus() {
    const last = f.statusHistory.get().at(-1)?.status;
    if (last) f.status.set(last);
    ctrl.check();
  }
  f.statusHistory.el.addEventListener('change', syncStatus);
  let base = record?.data as Mechanism | undefined;
  const ctrl = formController({
    ctx,
    entity: 'mechanisms',
    record,
    fields: MECHANISM_FIELDS,
    targets: { ...targetsOf(f), territory },
    build: () => valuesToMechanism({ ...readFields(f), ...territory.get() }, base),
    validate: (c) => validateMechanism(c, { idOptional: !record }),
    load: (r) => {
      base = r.data as Mechanism;
      const v = mechanismToValues(base);
      f.priorities.setOptions(prioritiesFor(v.kind));
      setFields(f, v);
      territory.set(v);
      syncKind();
    },
    describe: (d) => String(d.name ?? d.id),
    callbacks,
  });
  const grid = (...children: HTMLElement[]) => h('div', { class: 'app-form__grid' }, children);
  const governance = section('Gouvernance (CLSM)', f.copilRoles.el, grid(f.copilMeetings.el, f.plenary.el), f.charter.el, f.funding.el, f.workingGroups.el);
  const clsSection = section('Contrat local de santé', f.signed.el, f.mentalHealthComponent.el);
  const ptsmSection = section('Adoption du PTSM', grid(f.diagnosticAdopted.el, f.adopted.el));
  function syncKind() {
    const kind = f.kind.get() as MechanismKind;
    governance.hidden = kind !== 'CLSM';
    clsSection.hidden = kind !== 'CLS';
    ptsmSection.hidden = kind !== 'PTSM';
    f.priorities.setOptions(prioritiesFor(kind));
  }
  f.kind.select.addEventListener('change', syncKind);
  const form = formShell(
    record ? `Modifier « ${record.data.name} »` : 'Nouveau dispositif',
    ctrl.versionNote,
    h('p', { class: 'fr-text--sm app-mention' }, 'Les champs marqués * sont obligatoires. Les erreurs s’affichent à côté des champs pendant la saisie.'),
    ctrl.summary,
    section('Identification', grid(f.kind.el, f.status.el), f.name.el, f.id.el),
    h('div', { class: 'app-form__section app-form__section--plain' }, territory.el),
    section('Dates', grid(f.start.el, f.end.el), f.statusHistory.el),
    clsSection,
    ptsmSection,
    section('Contenu', f.priorities.el, f.objectives.el, f.themes.el),
    governance,
    section('Coordination', f.coordinators.el),
    ctrl.actions,
  );
  ctrl.attach(form);
  syncKind();
  replace(root, form);
  if (!record) f.name.input.focus();
  return { destroy: () => territory.destroy() };
}

// =======================================================================================
// People

export function personForm(root: HTMLElement, ctx: AppContext, record: EntityRecord<'people'> | null, callbacks: FormCallbacks): { destroy(): void } {
  const initial = personToValues(record?.data as Person | undefined);
  const fields = {
    id: textField({ label: 'Identifiant', name: 'id', value: initial.id, readOnly: Boolean(record), hint: record ? 'Ne peut pas changer.' : 'Laissez vide pour le générer à partir du libellé.' }),
    label: textField({ label: 'Libellé', name: 'label', required: true, value: initial.label, hint: 'Une fonction plutôt qu’un nom (ex. : « Coordination CLSM Niort »).' }),
    trained: triRadio({ legend: 'Formation à la coordination de CLSM', name: 'trained', value: initial.trained }),
    email: textField({ label: 'Courriel', name: 'email', type: 'email', value: initial.email, autocomplete: 'email' }),
    phone: textField({ label: 'Téléphone', name: 'phone', type: 'tel', value: initial.phone, autocomplete: 'tel' }),
  };
  let base = record?.data as Person | undefined;
  const ctrl = formController({
    ctx,
    entity: 'people',
    record,
    fields: PERSON_FIELDS,
    targets: targetsOf(fields),
    build: () => valuesToPerson(readFields(fields), base),
    validate: (c) => validatePerson(c, { idOptional: !record }),
    load: (r) => {
      base = r.data as Person;
      setFields(fields, personToValues(base));
    },
    describe: (d) => String(d.label ?? d.id),
    callbacks,
  });
  const form = formShell(
    record ? `Modifier « ${record.data.label} »` : 'Nouvelle personne',
    ctrl.versionNote,
    ctrl.summary,
    section('Personne', fields.label.el, fields.id.el, fields.trained.el, h('div', { class: 'app-form__grid' }, fields.email.el, fields.phone.el)),
    ctrl.actions,
  );
  ctrl.attach(form);
  replace(root, form);
  if (!record) fields.label.input.focus();
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
  record: EntityRecord<'links'> | null,
  mechanisms: readonly MechanismOption[],
  callbacks: FormCallbacks,
  prefill: Partial<Link> = {},
): { destroy(): void } {
  const initial = linkToValues((record?.data as Link | undefined) ?? prefill);
  const byId = new Map(mechanisms.map((m) => [m.id, m]));
  const endOptions = (kind: LinkKind, end: 'from' | 'to', keep: string) => {
    const allowed = LINK_ENDS[kind]?.[end] ?? null;
    return mechanisms
      .filter((m) => allowed === null || allowed.includes(m.kind) || m.id === keep)
      .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name, 'fr'))
      .map((m) => ({ value: m.id, label: `${m.name} (${m.id})`, group: MECHANISM_KIND_LABELS[m.kind] }));
  };
  const fields = {
    kind: selectField({ label: 'Type de lien', name: 'kind', required: true, value: initial.kind, options: LINK_KINDS.map((k) => ({ value: k, label: LINK_KIND_LABELS[k] })) }),
    from: selectField({ label: 'De', name: 'from', required: true, placeholder: 'Choisir le dispositif de départ', options: endOptions(initial.kind as LinkKind, 'from', initial.from), value: initial.from }),
    to: selectField({ label: 'Vers', name: 'to', required: true, placeholder: 'Choisir le dispositif d’arrivée', options: endOptions(initial.kind as LinkKind, 'to', initial.to), value: initial.to }),
    stage: selectField({ label: 'Étape', name: 'stage', value: initial.stage, options: AVIS_STAGES.map((s) => ({ value: s, label: `Avis sur le ${AVIS_STAGE_LABELS[s]}` })) }),
    date: textField({ label: 'Date', name: 'date', type: 'date', value: initial.date, hint: 'Pour un avis : la date de la délibération ; un avis daté après l’adoption est « en retard ».' }),
    opinion: selectField({ label: 'Sens de l’avis', name: 'opinion', value: initial.opinion, placeholder: 'Non renseigné', options: AVIS_OPINIONS.map((o) => ({ value: o, label: AVIS_OPINION_LABELS[o] })) }),
    response: textField({ label: FIELD_LABELS.response, name: 'response', value: initial.response, hint: 'Pour un avis avec réserves ou défavorable : comment le PTSM en a tenu compte (référentiel, annexe 1 §8).' }),
    priorities: checkboxGroup({ legend: 'Priorités du PTSM déclinées', name: 'priorities', options: PTSM_PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] })), values: initial.priorities }),
    forms: checkboxGroup({ legend: 'Formes de l’articulation', name: 'forms', inline: true, options: ARTICULATION_FORMS.map((f) => ({ value: f, label: ARTICULATION_FORM_LABELS[f] })), values: initial.forms }),
  };
  let base = record?.data as Link | undefined;
  const ctrl = formController({
    ctx,
    entity: 'links',
    record,
    fields: LINK_FIELDS,
    targets: targetsOf(fields),
    build: () => valuesToLink(readFields(fields), base),
    validate: (c) => validateLink(c, (id) => byId.get(id)?.kind),
    load: (r) => {
      base = r.data as Link;
      const v = linkToValues(base);
      fields.kind.set(v.kind);
      syncKind(); // the ends' options follow the kind: before the ends are set
      setFields(fields, v);
    },
    describe: (d) => `${byId.get(String(d.from))?.name ?? d.from} → ${byId.get(String(d.to))?.name ?? d.to}`,
    callbacks,
  });
  const avisFields = h('div', { class: 'app-form__grid' }, fields.stage.el, fields.opinion.el);
  function syncKind() {
    const kind = fields.kind.get() as LinkKind;
    fields.from.setOptions(endOptions(kind, 'from', fields.from.get()));
    fields.to.setOptions(endOptions(kind, 'to', fields.to.get()));
    avisFields.hidden = kind !== 'avis';
    fields.response.el.hidden = kind !== 'avis';
    if (kind === 'avis' && !fields.stage.get()) fields.stage.set('projet');
    fields.priorities.el.hidden = kind !== 'declinaison';
    fields.forms.el.hidden = kind !== 'articulation';
  }
  fields.kind.select.addEventListener('change', syncKind);
  const form = formShell(
    record ? 'Modifier le lien' : 'Nouveau lien',
    ctrl.versionNote,
    mechanisms.length === 0 ? alertBox('info', 'Aucun dispositif sur ce territoire', 'Choisissez un autre territoire en haut de page ou créez d’abord les dispositifs à relier.', { small: true }) : null,
    ctrl.summary,
    section('Lien', fields.kind.el, h('div', { class: 'app-form__grid' }, fields.from.el, fields.to.el), avisFields, fields.date.el, fields.response.el, fields.priorities.el, fields.forms.el),
    ctrl.actions,
  );
  ctrl.attach(form);
  syncKind();
  replace(root, form);
  // A prefilled link (from a finding) is shown validated at once.
  if (!record && (prefill.from || prefill.to)) ctrl.check(true);
  fields.kind.select.focus();
  return { destroy() {} };
}
