// The vocabularies: each list has a French label for each of its values and no other, and the
// open ones (themes, extra fields) read well when a value is not known.
import { describe, expect, it } from 'vitest';
import * as V from '../../model/vocabulary.ts';

const LISTS: [string, readonly string[], Record<string, string>][] = [
  ['kinds', V.MECHANISM_KINDS, V.MECHANISM_KIND_LABELS],
  ['statuses', V.MECHANISM_STATUSES, V.MECHANISM_STATUS_LABELS],
  ['link kinds', V.LINK_KINDS, V.LINK_KIND_LABELS],
  ['avis stages', V.AVIS_STAGES, V.AVIS_STAGE_LABELS],
  ['opinions', V.AVIS_OPINIONS, V.AVIS_OPINION_LABELS],
  ['avis states', V.AVIS_STATES, V.AVIS_STATE_LABELS],
  ['articulation forms', V.ARTICULATION_FORMS, V.ARTICULATION_FORM_LABELS],
  ['funders', V.FUNDERS, V.FUNDER_LABELS],
  ['funders in a sentence', V.FUNDERS, V.FUNDER_NAMES],
  ['priorities', V.PRIORITIES, V.PRIORITY_LABELS],
  ['COPIL roles', V.COPIL_ROLE_IDS, V.COPIL_ROLE_LABELS],
  ['territory types', V.TERRITORY_TYPES, V.TERRITORY_TYPE_LABELS],
  ['place types', V.PLACE_TYPES, V.PLACE_TYPE_LABELS],
  ['severities', V.SEVERITIES, V.SEVERITY_LABELS],
  ['categories', V.CATEGORIES, V.CATEGORY_LABELS],
  ['bases', V.BASES, V.BASIS_LABELS],
  ['indicators', V.INDICATORS, V.INDICATOR_LABELS],
  ['words for an opinion', V.AVIS_OPINIONS, Object.fromEntries(V.AVIS_OPINIONS.map((o) => [o, V.AVIS_OPINION_WORDS[o].join(', ')]))],
  ['account roles', V.ACCOUNT_ROLES, V.ACCOUNT_ROLE_LABELS],
  ['journal entities', V.AUDIT_ENTITIES, V.AUDIT_ENTITY_LABELS],
  ['journal actions', V.AUDIT_ACTIONS, V.AUDIT_ACTION_LABELS],
];

describe('vocabularies', () => {
  for (const [name, values, labels] of LISTS) {
    it(`${name}: one label per value, no label without a value, no value twice`, () => {
      expect(new Set(values).size).toBe(values.length);
      expect(Object.keys(labels).sort()).toEqual([...values].sort());
      for (const v of values) expect(labels[v].trim().length, v).toBeGreaterThan(1);
    });
  }

  it('the COPIL entries agree with the lists they come from', () => {
    expect(V.COPIL_ROLES.map((r) => r.id)).toEqual([...V.COPIL_ROLE_IDS]);
    expect(V.COPIL_ROLES.filter((r) => r.required).map((r) => r.id)).toEqual(['elu', 'psychiatrie', 'usagers', 'aidants']);
    for (const r of [...V.USERS_AND_CARERS, ...V.REQUIRED_COPIL_ROLES]) expect(V.COPIL_ROLE_IDS).toContain(r);
  });

  it('reads an opinion from the words people type, and only from them (the one reading, format and spreadsheets alike)', () => {
    expect(V.opinionFromText('Favorable avec réserves')).toBe('favorable-reserves');
    expect(V.opinionFromText('favorable sous réserve')).toBe('favorable-reserves');
    expect(V.opinionFromText('RÉSERVÉE')).toBe('favorable-reserves');
    expect(V.opinionFromText('favorable-reserves')).toBe('favorable-reserves');
    expect(V.opinionFromText('Avis défavorable')).toBe('defavorable');
    expect(V.opinionFromText('négatif')).toBe('defavorable');
    expect(V.opinionFromText(' favorable ')).toBe('favorable');
    expect(V.opinionFromText('peut-être')).toBeUndefined();
    expect(V.opinionFromText('')).toBeUndefined();
    for (const opinion of V.AVIS_OPINIONS) for (const word of [V.AVIS_OPINION_LABELS[opinion], ...V.AVIS_OPINION_WORDS[opinion]]) expect(V.opinionFromText(word), word).toBe(opinion);
  });

  it('reads an unknown theme or field as well as it can', () => {
    expect(V.themeLabel('logement')).toBe('Logement');
    expect(V.themeLabel('jardins-partages')).toBe('Jardins partages');
    expect(V.fieldLabel('dates.start')).toBe('Début');
    expect(V.fieldLabel('champLibre')).toBe('champLibre');
    expect(V.fieldLabel('constructor')).toBe('constructor');
  });
});
