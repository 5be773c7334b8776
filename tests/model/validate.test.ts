import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJson, validateDataset, type Problem } from '../../model/validate.ts';
import { loadTerritories } from '../../server/territories.ts';

const t = loadTerritories();
const demo = JSON.parse(readFileSync(new URL('../../data/demo.json', import.meta.url), 'utf8'));

function problems(input: unknown): Problem[] {
  const result = validateDataset(input, t);
  if (result.ok) throw new Error('expected the document to be invalid');
  return result.problems;
}
const at = (list: Problem[], path: string) => list.filter((p) => p.path === path);

const base = () => ({
  format: 'articulation/1',
  mechanisms: [
    { id: 'ptsm-79', kind: 'PTSM', name: 'PTSM 79', status: 'active', territory: { departements: ['79'] } },
    { id: 'clsm-niort', kind: 'CLSM', name: 'CLSM de Niort', status: 'active', territory: { communes: ['79191'] } },
  ],
  people: [{ id: 'coord-1', label: 'Coordination' }],
  links: [] as unknown[],
});

describe('validateDataset', () => {
  describe('dated statuses (DOMAIN.md §4)', () => {
    const withHistory = (status: string, history: unknown) => {
      const doc = base();
      Object.assign(doc.mechanisms[1], { status, statusHistory: history });
      return doc;
    };

    it('accepts a history in date order whose last entry is the status, and keeps it', () => {
      const result = validateDataset(withHistory('dormant', [{ status: 'active', from: '2017-01-01' }, { status: 'dormant', from: '2024-03-01' }]), t);
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.dataset.mechanisms[1].statusHistory).toEqual([{ status: 'active', from: '2017-01-01' }, { status: 'dormant', from: '2024-03-01' }]);
    });

    it('names an entry out of date order, with its field and value', () => {
      const list = problems(withHistory('dormant', [{ status: 'active', from: '2024-03-01' }, { status: 'dormant', from: '2017-01-01' }]));
      expect(at(list, 'mechanisms[1].statusHistory[1].from')).toEqual([
        {
          path: 'mechanisms[1].statusHistory[1].from',
          value: '2017-01-01',
          message: "historique des statuts dans le désordre : le 1er janvier 2017 précède la date de l'entrée précédente (1er mars 2024) ; les entrées vont de la plus ancienne à la plus récente",
        },
      ]);
      expect(at(problems(withHistory('dormant', [{ status: 'active', from: '2024-03-01' }, { status: 'dormant', from: '2024-03-01' }])), 'mechanisms[1].statusHistory[1].from')[0].message).toMatch(/répète la date/);
    });

    it('names a status that disagrees with the last entry', () => {
      expect(at(problems(withHistory('active', [{ status: 'active', from: '2017-01-01' }, { status: 'dormant', from: '2024-03-01' }])), 'mechanisms[1].status')).toEqual([
        {
          path: 'mechanisms[1].status',
          value: 'active',
          message: "le statut « Actif » diffère de la dernière entrée de l'historique (« En sommeil » depuis le 1er mars 2024) : le statut doit reprendre cette dernière entrée",
        },
      ]);
    });

    it('names an unknown status or a bad date in an entry', () => {
      const list = problems(withHistory('active', [{ status: 'en sommeil', from: '2017-01-01' }, { status: 'active', from: '2024-02-30' }]));
      expect(at(list, 'mechanisms[1].statusHistory[0].status')[0]).toMatchObject({ value: 'en sommeil', message: expect.stringContaining('valeur inconnue « en sommeil »') });
      expect(at(list, 'mechanisms[1].statusHistory[1].from')[0]).toMatchObject({ value: '2024-02-30', message: expect.stringContaining("n'est pas une date valide") });
    });
  });

  describe('opinions (DOMAIN.md §4)', () => {
    const withOpinion = (opinion: unknown, extra: Record<string, unknown> = {}) => ({ ...base(), links: [{ kind: 'avis', from: 'clsm-niort', to: 'ptsm-79', stage: 'projet', opinion, ...extra }] });

    it('accepts the French words people type and stores the three values', () => {
      const cases: [string, string][] = [
        ['Favorable', 'favorable'],
        ['AVIS FAVORABLE', 'favorable'],
        ['Favorable avec réserves', 'favorable-reserves'],
        ['favorable sous réserve', 'favorable-reserves'],
        ['réservé', 'favorable-reserves'],
        ['Réservée', 'favorable-reserves'],
        ['favorable-reserves', 'favorable-reserves'],
        ['Défavorable', 'defavorable'],
        ['  defavorable ', 'defavorable'],
      ];
      for (const [typed, stored] of cases) {
        const result = validateDataset(withOpinion(typed), t);
        expect(result.ok, typed).toBe(true);
        if (result.ok) expect(result.dataset.links[0].opinion, typed).toBe(stored);
      }
    });

    it('names an unknown opinion word with its value', () => {
      expect(at(problems(withOpinion('mitigé')), 'links[0].opinion')).toEqual([
        { path: 'links[0].opinion', value: 'mitigé', message: "sens d'avis inconnu « mitigé » (attendu : favorable, favorable avec réserves ou défavorable)" },
      ]);
    });

    it('keeps the PTSM’s response on an avis, and refuses one on another kind of link', () => {
      const result = validateDataset(withOpinion('réservé', { response: '  Axe 2 complété  ' }), t);
      expect(result.ok && result.dataset.links[0].response).toBe('Axe 2 complété');
      const doc = { ...base(), links: [{ kind: 'contribution', from: 'clsm-niort', to: 'ptsm-79', response: 'x' }] };
      expect(at(problems(doc), 'links[0].response')[0]).toMatchObject({ value: 'x', message: 'seul un lien « avis » a une réponse du PTSM' });
    });
  });

  it('accepts the demo dataset and gives every link an id', () => {
    const result = validateDataset(demo, t);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.dataset.mechanisms.length).toBe(demo.mechanisms.length);
    const ids = result.dataset.links.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('avis--clsm-niort--ptsm-79--projet');
  });

  it('keeps fields it does not know, at every level', () => {
    const doc = { ...base(), extra: { a: 1 }, notice: 'x' };
    (doc.mechanisms[0] as Record<string, unknown>).website = 'https://example.org';
    (doc.mechanisms[0].territory as Record<string, unknown>).note = 'tout le département';
    const result = validateDataset(doc, t);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.dataset).toMatchObject({ extra: { a: 1 }, notice: 'x' });
    expect(result.dataset.mechanisms[0]).toMatchObject({ website: 'https://example.org', territory: { note: 'tout le département' } });
  });

  it('names an unknown format', () => {
    expect(at(problems({ ...base(), format: 'articulation/2' }), 'format')[0]).toMatchObject({ value: 'articulation/2', message: expect.stringContaining('articulation/1') });
  });

  it('reports unknown commune, EPCI and département codes with their path', () => {
    const doc = base();
    doc.mechanisms[1].territory = { communes: ['79191', '99999'], epci: ['123456789'], departements: ['99'] } as never;
    const list = problems(doc);
    expect(at(list, 'mechanisms[1].territory.communes[1]')[0]).toMatchObject({ value: '99999', message: expect.stringContaining('commune inconnu') });
    expect(at(list, 'mechanisms[1].territory.epci[0]')[0]).toMatchObject({ value: '123456789' });
    expect(at(list, 'mechanisms[1].territory.departements[0]')[0]).toMatchObject({ value: '99' });
  });

  it('rejects an empty territory', () => {
    const doc = base();
    doc.mechanisms[1].territory = {} as never;
    expect(at(problems(doc), 'mechanisms[1].territory')[0].message).toMatch(/territoire vide/);
  });

  it('rejects impossible dates and a date order that cannot be', () => {
    const doc = base();
    Object.assign(doc.mechanisms[0], { dates: { start: '2021-13-45', end: '2023-02-29', adopted: '2020-01-01', diagnosticAdopted: '2021-01-01' } });
    const list = problems(doc);
    expect(at(list, 'mechanisms[0].dates.start')[0]).toMatchObject({ value: '2021-13-45', message: expect.stringContaining("n'est pas une date valide") });
    expect(at(list, 'mechanisms[0].dates.end')[0]).toMatchObject({ value: '2023-02-29' });
    expect(at(list, 'mechanisms[0].dates.adopted')[0].message).toMatch(/précède/);
    const ok = base();
    Object.assign(ok.mechanisms[0], { dates: { start: '2024-02-29' } });
    expect(validateDataset(ok, t).ok).toBe(true);
  });

  it('rejects duplicate ids, and a person id equal to a mechanism id', () => {
    const doc = base();
    doc.mechanisms.push({ ...doc.mechanisms[1] });
    doc.people.push({ id: 'coord-1', label: 'bis' }, { id: 'ptsm-79', label: 'homonyme' });
    const list = problems(doc);
    expect(at(list, 'mechanisms[2].id')[0]).toMatchObject({ value: 'clsm-niort', message: expect.stringContaining('double') });
    expect(at(list, 'people[1].id')[0]).toMatchObject({ value: 'coord-1' });
    expect(at(list, 'people[2].id')[0]).toMatchObject({ value: 'ptsm-79' });
  });

  it('rejects dangling links and links whose ends have the wrong kind', () => {
    const doc = base();
    doc.links = [
      { kind: 'avis', from: 'clsm-niort', to: 'ptsm-absent' },
      { kind: 'avis', from: 'ptsm-79', to: 'clsm-niort' },
      { kind: 'articulation', from: 'clsm-niort', to: 'clsm-niort' },
      { kind: 'contribution', from: 'clsm-niort', to: 'ptsm-79', stage: 'projet' },
      { kind: 'bidule', from: 'clsm-niort', to: 'ptsm-79' },
    ];
    const list = problems(doc);
    expect(at(list, 'links[0].to')[0]).toMatchObject({ value: 'ptsm-absent', message: expect.stringContaining('dispositif inconnu') });
    expect(at(list, 'links[1].from')[0].message).toMatch(/doit partir un CLSM, pas un PTSM/);
    expect(at(list, 'links[1].to')[0].message).toMatch(/aboutir à un PTSM, pas un CLSM/);
    expect(at(list, 'links[2].to')[0].message).toMatch(/lui-même/);
    expect(at(list, 'links[3].stage')).toHaveLength(1);
    expect(at(list, 'links[4].kind')[0]).toMatchObject({ value: 'bidule' });
  });

  it('rejects unknown people and FTE outside (0, 1]', () => {
    const doc = base();
    Object.assign(doc.mechanisms[1], { coordinators: [{ person: 'inconnu', fte: 0.5 }, { person: 'coord-1', fte: 0 }, { person: 'coord-1', fte: 1.5 }] });
    const list = problems(doc);
    expect(at(list, 'mechanisms[1].coordinators[0].person')[0]).toMatchObject({ value: 'inconnu', message: expect.stringContaining('personne inconnue') });
    expect(at(list, 'mechanisms[1].coordinators[1].fte')[0]).toMatchObject({ value: 0 });
    expect(at(list, 'mechanisms[1].coordinators[2].fte')[0]).toMatchObject({ value: 1.5 });
    const ok = base();
    Object.assign(ok.mechanisms[1], { coordinators: [{ person: 'coord-1', fte: 1 }] });
    expect(validateDataset(ok, t).ok).toBe(true);
  });

  it('reports shape and cross-document problems together, all at once', () => {
    const doc = base();
    Object.assign(doc.mechanisms[0], { status: 'actif', territory: { communes: ['00000'] } });
    doc.links = [{ kind: 'avis', from: 'nobody', to: 'ptsm-79', date: '2021-02-30' }];
    const paths = problems(doc).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['mechanisms[0].status', 'mechanisms[0].territory.communes[0]', 'links[0].from', 'links[0].date']));
  });

  it('reports a document that is not an object, or a missing mechanisms shape', () => {
    expect(problems([])[0].path).toBe('(document)');
    expect(problems('texte')[0].message).toMatch(/objet JSON/);
    expect(at(problems({ format: 'articulation/1', mechanisms: {} }), 'mechanisms')).toHaveLength(1);
  });
});

describe('parseJson', () => {
  it('places a syntax error by line and column', () => {
    const result = parseJson('{\n  "format": "articulation/1",\n  oops\n}');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/ligne 3, colonne 3/);
  });
  it('accepts a byte-order mark', () => {
    expect(parseJson('\uFEFF{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
  });
});

describe('validateDataset: vocabularies and links', () => {
  it('refuses a person listed twice as coordinator of one mechanism', () => {
    const doc = base();
    Object.assign(doc.mechanisms[1], { coordinators: [{ person: 'coord-1', fte: 0.5 }, { person: 'coord-1', fte: 0.5 }] });
    expect(at(problems(doc), 'mechanisms[1].coordinators[1].person')[0].message).toMatch(/déjà listée/);
  });

  it('refuses unknown COPIL roles, articulation forms and non-PTSM priorities on a declinaison', () => {
    const doc = base();
    Object.assign(doc.mechanisms[1], { governance: { copil: { roles: ['elu', 'Usagers'] } } });
    doc.links = [
      { kind: 'articulation', from: 'clsm-niort', to: 'ptsm-79', forms: ['copil', 'apéro'] },
      { kind: 'declinaison', from: 'clsm-niort', to: 'ptsm-79', priorities: ['clsm.prevention'] },
    ];
    const list = problems(doc);
    expect(at(list, 'mechanisms[1].governance.copil.roles[1]')[0]).toMatchObject({ value: 'Usagers' });
    expect(at(list, 'links[0].forms[1]')[0]).toMatchObject({ value: 'apéro' });
    expect(at(list, 'links[1].priorities[0]')[0]).toMatchObject({ value: 'clsm.prevention' });
  });

  it('requires the stage of an avis, and keeps stage and opinion to avis links', () => {
    const doc = base();
    doc.links = [
      { kind: 'avis', from: 'clsm-niort', to: 'ptsm-79', date: '2021-03-01' },
      { kind: 'contribution', from: 'clsm-niort', to: 'ptsm-79', opinion: 'favorable' },
    ];
    const list = problems(doc);
    expect(at(list, 'links[0].stage')[0].message).toMatch(/étape obligatoire/);
    expect(at(list, 'links[1].opinion')[0]).toMatchObject({ value: 'favorable' });
  });

  it('places each unknown code at its own index, and does not call a mis-typed territory empty', () => {
    const doc = base();
    doc.mechanisms[1].territory = { communes: ['99999', '79191', '99999'] } as never;
    expect(problems(doc).map((p) => p.path)).toEqual(['mechanisms[1].territory.communes[0]', 'mechanisms[1].territory.communes[2]']);
    const typo = base();
    typo.mechanisms[1].territory = { communes: '79191' } as never;
    const list = problems(typo);
    expect(at(list, 'mechanisms[1].territory.communes')).toHaveLength(1);
    expect(at(list, 'mechanisms[1].territory')).toEqual([]);
  });
});
