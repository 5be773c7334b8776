// Form validation as the user types: the server's valibot schemas, French messages, mapped to
// the form's fields; values ↔ objects keep the fields the form does not know.
import { describe, expect, it } from 'vitest';
import {
  changedFields,
  collectErrors,
  emptyMechanismValues,
  fieldOf,
  linkToValues,
  MECHANISM_FIELDS,
  mechanismToValues,
  parseNumber,
  personToValues,
  serverPath,
  validateLink,
  validateMechanism,
  validatePerson,
  valuesToLink,
  valuesToMechanism,
  valuesToPerson,
} from '../../client/src/lib/forms.ts';
import type { Mechanism } from '../../model/schema.ts';

describe('field mapping', () => {
  it('maps issue paths to the deepest known field', () => {
    expect(fieldOf('territory.communes[0]', MECHANISM_FIELDS)).toBe('territory');
    expect(fieldOf('governance.copil.meetingsPerYear', MECHANISM_FIELDS)).toBe('governance.copil.meetingsPerYear');
    expect(fieldOf('coordinators[1].fte', MECHANISM_FIELDS)).toBe('coordinators');
    expect(fieldOf('dates', MECHANISM_FIELDS)).toBe('');
    expect(fieldOf('nameX', MECHANISM_FIELDS)).toBe('');
    expect(collectErrors([{ path: 'name', message: 'a' }, { path: 'name', message: 'b' }], MECHANISM_FIELDS)).toEqual({ name: 'a' });
    expect(serverPath('mechanisms[0].territory.communes[2]')).toBe('territory.communes[2]');
    expect(serverPath('link.from')).toBe('from');
  });
});

describe('mechanism form', () => {
  it('reports each problem in French next to its field', () => {
    const values = { ...emptyMechanismValues('CLSM'), id: 'CLSM Niort', name: '  ', start: '2024-02-30', copilMeetings: 'deux', coordinators: [{ person: 'coord-1', fte: '1,5' }] };
    const errors = validateMechanism(valuesToMechanism(values));
    expect(errors.id).toMatch(/minuscules/);
    expect(errors.name).toBe('ne doit pas être vide');
    expect(errors.territory).toMatch(/territoire vide/);
    expect(errors['dates.start']).toMatch(/n'est pas une date valide/);
    expect(errors['governance.copil.meetingsPerYear']).toBe('doit être un nombre');
    expect(errors.coordinators).toMatch(/ne peut pas dépasser 1/);
  });

  it('accepts a valid mechanism; the id may be left to the server on creation', () => {
    const values = { ...emptyMechanismValues('CLSM'), name: 'CLSM de Niort', communes: ['79191'], start: '2012-03-01', copilRoles: ['elu', 'usagers'], copilMeetings: '2', plenary: '1' };
    expect(validateMechanism(valuesToMechanism(values), { idOptional: true })).toEqual({});
    expect(validateMechanism(valuesToMechanism(values)).id).toBe('champ obligatoire manquant');
  });

  it('edits a dated status history and checks it as the server does, with its messages', () => {
    const base = { ...emptyMechanismValues('CLSM'), id: 'clsm-p', name: 'CLSM P', communes: ['79202'] };
    const ok = valuesToMechanism({ ...base, status: 'dormant', statusHistory: [{ status: 'active', from: '2020-09-01' }, { status: 'dormant', from: '2024-03-01' }, { status: '', from: ' ' }] });
    expect(ok.statusHistory).toEqual([{ status: 'active', from: '2020-09-01' }, { status: 'dormant', from: '2024-03-01' }]);
    expect(validateMechanism(ok)).toEqual({});
    expect(mechanismToValues(ok as Mechanism).statusHistory).toEqual([{ status: 'active', from: '2020-09-01' }, { status: 'dormant', from: '2024-03-01' }]);
    // No rows: no history at all.
    expect(valuesToMechanism({ ...base, statusHistory: [] }, ok as Mechanism)).not.toHaveProperty('statusHistory');
    const disordered = validateMechanism(valuesToMechanism({ ...base, status: 'active', statusHistory: [{ status: 'dormant', from: '2024-03-01' }, { status: 'active', from: '2020-09-01' }] }));
    expect(disordered.statusHistory).toMatch(/^historique des statuts dans le désordre : le 1er septembre 2020 précède/);
    const disagreeing = validateMechanism(valuesToMechanism({ ...base, status: 'active', statusHistory: [{ status: 'active', from: '2020-09-01' }, { status: 'dormant', from: '2024-03-01' }] }));
    expect(disagreeing.status).toMatch(/^le statut « Actif » diffère de la dernière entrée de l'historique \(« En sommeil » depuis le 1er mars 2024\)/);
    expect(validateMechanism(valuesToMechanism({ ...base, status: 'active', statusHistory: [{ status: '', from: '2020-09-01' }] })).statusHistory).toMatch(/valeur inconnue/);
  });

  it('checks date order as the server does', () => {
    const values = { ...emptyMechanismValues('PTSM'), id: 'p', name: 'P', departements: ['79'], start: '2024-01-01', end: '2023-01-01', diagnosticAdopted: '2021-01-01', adopted: '2020-01-01' };
    const errors = validateMechanism(valuesToMechanism(values));
    expect(errors['dates.end']).toMatch(/précède le début/);
    expect(errors['dates.adopted']).toMatch(/précède celle du diagnostic/);
  });

  it('round-trips and keeps unknown fields', () => {
    const m = {
      id: 'clsm-niort',
      kind: 'CLSM',
      name: 'CLSM de Niort',
      status: 'active',
      territory: { communes: ['79191'], epci: [], departements: [], note: 'gardé' },
      dates: { start: '2012-03-01', custom: 'x' },
      governance: { copil: { roles: ['elu'], meetingsPerYear: 2, extra: true }, plenaryPerYear: 1, workingGroups: [{ theme: 'logement', title: 'Logement' }], charter: false },
      coordinators: [{ person: 'coord-1', fte: 0.5 }],
      website: 'https://example.org',
    } as unknown as Mechanism;
    const values = mechanismToValues(m);
    expect(values).toMatchObject({ mentalHealthComponent: '', charter: 'non', copilMeetings: '2', coordinators: [{ person: 'coord-1', fte: '0.5' }] });
    const back = valuesToMechanism(values, m);
    expect(back).toEqual(m);
    // Clearing a field removes it rather than sending an empty value.
    const cleared = valuesToMechanism({ ...values, plenary: '', workingGroups: [], charter: '' }, m) as { governance: Record<string, unknown> };
    expect(cleared.governance.plenaryPerYear).toBeUndefined();
    expect(cleared.governance.workingGroups).toBeUndefined();
    expect(cleared.governance.charter).toBeUndefined();
    expect(cleared.governance.copil).toEqual({ roles: ['elu'], meetingsPerYear: 2, extra: true });
  });

  it('parses French decimals', () => {
    expect(parseNumber('0,5')).toBe(0.5);
    expect(parseNumber(' ')).toBeUndefined();
    expect(parseNumber('abc')).toBe('abc');
  });
});

describe('person form', () => {
  it('validates label and e-mail', () => {
    const errors = validatePerson(valuesToPerson({ ...personToValues(), label: '', email: 'pas-une-adresse' }), { idOptional: true });
    expect(errors.label).toBe('ne doit pas être vide');
    expect(errors.email).toMatch(/n'est pas une adresse électronique/);
    expect(validatePerson(valuesToPerson({ ...personToValues(), label: 'Coordination CLSM' }), { idOptional: true })).toEqual({});
  });
});

describe('link form', () => {
  const kinds: Record<string, 'CLSM' | 'PTSM' | 'CLS'> = { 'clsm-niort': 'CLSM', 'ptsm-79': 'PTSM', 'cls-niort': 'CLS' };
  const kindOf = (id: string) => kinds[id];

  it('requires both ends and checks their kinds with the model’s rules', () => {
    expect(validateLink(valuesToLink(linkToValues()), kindOf)).toMatchObject({ from: 'choisissez le dispositif de départ', to: "choisissez le dispositif d'arrivée" });
    const wrong = validateLink(valuesToLink({ ...linkToValues({ kind: 'avis' }), from: 'cls-niort', to: 'ptsm-79' }), kindOf);
    expect(wrong.from).toMatch(/doit partir.*CLSM.*pas un CLS/);
    const self = validateLink(valuesToLink({ ...linkToValues({ kind: 'articulation' }), from: 'clsm-niort', to: 'clsm-niort' }), kindOf);
    expect(self.to).toMatch(/lui-même/);
    expect(validateLink(valuesToLink({ ...linkToValues({ kind: 'avis', from: 'clsm-niort', to: 'ptsm-79' }), date: '2021-13-01' }), kindOf).date).toMatch(/date valide/);
    expect(validateLink(valuesToLink(linkToValues({ kind: 'avis', from: 'clsm-niort', to: 'ptsm-79', stage: 'projet' })), kindOf)).toEqual({});
  });

  it('sends only the fields of its kind', () => {
    const values = { ...linkToValues({ kind: 'avis', from: 'clsm-niort', to: 'ptsm-79', stage: 'diagnostic' }), opinion: 'favorable-reserves', response: '  Axe 2 complété ', priorities: ['ptsm.determinants'], forms: ['copil'] };
    expect(valuesToLink(values)).toEqual({ kind: 'avis', from: 'clsm-niort', to: 'ptsm-79', stage: 'diagnostic', opinion: 'favorable-reserves', response: 'Axe 2 complété' });
    expect(linkToValues(valuesToLink(values) as never).response).toBe('Axe 2 complété');
    expect(valuesToLink({ ...values, kind: 'declinaison' })).toEqual({ kind: 'declinaison', from: 'clsm-niort', to: 'ptsm-79', priorities: ['ptsm.determinants'] });
    expect(linkToValues({ kind: 'contribution' }).stage).toBe('');
  });

  it('lists the fields changed between two versions', () => {
    expect(changedFields({ a: 1, b: [1], c: 'x' }, { a: 1, b: [2], d: 'y' })).toEqual(['b', 'c', 'd']);
  });
});
