// Tolerant cell values: dates, numbers, yes/no, lists, vocabularies, places.
import { describe, expect, it } from 'vitest';
import { resolvePlaces, type PlaceColumn } from '../../../model/workbook/places.ts';
import { parseBoolean, parseDate, parseNumber, splitList } from '../../../model/workbook/values.ts';
import { lookup, lookupKind, lookupPriority, lookupTheme, OPINIONS, ROLES, STAGES, STATUSES } from '../../../model/workbook/vocab.ts';
import { loadTerritories } from '../../../server/territories.ts';

const territories = loadTerritories();

describe('dates', () => {
  it.each([
    ['03/12/2018', '2018-12-03'],
    ['3/12/2018', '2018-12-03'],
    ['03-12-18', '2018-12-03'],
    ['03.12.2018', '2018-12-03'],
    ['2018-12-03', '2018-12-03'],
    ['2018-12-03T00:00:00Z', '2018-12-03'],
    ['43437', '2018-12-03'],
  ])('%s → %s', (text, iso) => {
    expect(parseDate(text)).toEqual({ ok: true, value: iso });
  });

  it('reads date cells and serial numbers', () => {
    expect(parseDate({ date: '2021-06-09' })).toEqual({ ok: true, value: '2021-06-09' });
    expect(parseDate(43437)).toEqual({ ok: true, value: '2018-12-03' });
    expect(parseDate(44356)).toEqual({ ok: true, value: '2021-06-09' });
  });

  it.each([
    ['31/02/2020', "n'est pas une date du calendrier"],
    ['2018', 'date incomplète'],
    ['décembre 2018', "n'est pas une date"],
    ['12', "n'est pas une date"],
  ])('refuses %s in French', (text, message) => {
    const parsed = parseDate(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.message).toContain(message);
      expect(parsed.message).toContain(`« ${text} »`);
    }
  });
});

describe('numbers, yes/no and lists', () => {
  it.each([
    ['0,5', 0.5],
    ['0.5', 0.5],
    ['50 %', 0.5],
    ['1 ETP', 1],
    ['2 par an', 2],
    ['1 000', 1000],
  ])('%s → %d', (text, n) => {
    expect(parseNumber(text)).toEqual({ ok: true, value: n });
  });

  it('refuses words for numbers', () => {
    expect(parseNumber('mi-temps')).toEqual({ ok: false, message: "« mi-temps » n'est pas un nombre" });
  });

  it.each([
    ['Oui', true],
    ['non', false],
    ['VRAI', true],
    ['x', true],
    [0, false],
    [true, true],
  ] as const)('%s → %s', (cell, value) => {
    expect(parseBoolean(cell)).toEqual({ ok: true, value });
  });

  it('splits on « ; », « , » and line breaks; « strong » keeps commas', () => {
    expect(splitList('Niort ; Chauray, Aiffres\nEchiré')).toEqual(['Niort', 'Chauray', 'Aiffres', 'Echiré']);
    expect(splitList('Dupont, Marie ; Petit, Paul', 'strong')).toEqual(['Dupont, Marie', 'Petit, Paul']);
    expect(splitList(null)).toEqual([]);
  });
});

describe('French words for vocabularies', () => {
  it('reads opinions as people type them', () => {
    expect(lookup(OPINIONS, 'Favorable avec réserves')).toBe('favorable-reserves');
    expect(lookup(OPINIONS, 'réservé')).toBe('favorable-reserves');
    expect(lookup(OPINIONS, 'RESERVE')).toBe('favorable-reserves');
    expect(lookup(OPINIONS, 'Défavorable')).toBe('defavorable');
    expect(lookup(OPINIONS, 'favorable')).toBe('favorable');
    expect(lookup(OPINIONS, 'peut-être')).toBeUndefined();
  });

  it('reads statuses, stages, roles and kinds', () => {
    expect(lookup(STATUSES, 'En sommeil')).toBe('dormant');
    expect(lookup(STATUSES, 'en préparation')).toBe('project');
    expect(lookup(STATUSES, 'Terminé')).toBe('ended');
    expect(lookup(STAGES, 'DTP')).toBe('diagnostic');
    expect(lookup(STAGES, 'Projet territorial')).toBe('projet');
    expect(lookup(ROLES, 'Élus')).toBe('elu');
    expect(lookup(ROLES, 'représentants des usagers')).toBe('usagers');
    expect(lookupKind('Contrat local de santé')).toBe('CLS');
    expect(lookupKind('CLSM (intercommunal)')).toBe('CLSM');
    expect(lookupKind('Maison de santé')).toBeUndefined();
  });

  it('reads priorities by label, id or the id’s second part for the row’s kind', () => {
    expect(lookupPriority('Droits, pouvoir d’agir et lutte contre la stigmatisation', 'PTSM')).toBe('ptsm.droits-destigmatisation');
    expect(lookupPriority('determinants', 'CLSM')).toBe('clsm.determinants');
    expect(lookupPriority('determinants', 'PTSM')).toBe('ptsm.determinants');
    expect(lookupPriority('determinants', undefined)).toBeUndefined();
  });

  it('keeps a new theme as a new id, and says it is new', () => {
    expect(lookupTheme('Prévention du suicide')).toEqual({ value: 'suicide', known: true });
    expect(lookupTheme('Cas complexes')).toEqual({ value: 'cas-complexes', known: true });
    expect(lookupTheme('Santé au travail')).toEqual({ value: 'sante-au-travail', known: false });
  });
});

describe('places', () => {
  const resolve = (text: string, column: PlaceColumn = 'territory', context: { departements?: string[]; scope?: string[] } = {}) =>
    resolvePlaces(splitList(text), column, territories, { departements: context.departements ?? [], scope: context.scope ?? [] });

  it('reads commune names however typed, codes, « Paris 20e », EPCI and départements', () => {
    expect(resolve("Saint-Maixent-l'École ; st maixent l ecole ; ST-MAIXENT-L'ECOLE").territory.communes).toEqual(['79270']);
    expect(resolve('Paris 20e, Lyon 3ème arrondissement, Marseille 1er').territory.communes).toEqual(['75120', '69383', '13201']);
    expect(resolve('CA du Niortais ; 247900798 ; Deux-Sèvres ; 17').territory).toEqual({ communes: [], epci: ['200041317', '247900798'], departements: ['79', '17'] });
    expect(resolve('Niort (79191) ; 79081').territory.communes).toEqual(['79191', '79081']);
    expect(resolve('Nouvelle-Aquitaine', 'departements').territory.departements).toContain('79');
  });

  it('an ambiguous commune name is settled by the row’s département, then the scope, else reported with candidates', () => {
    const alone = resolve('Saint-Denis');
    expect(alone.territory.communes).toEqual([]);
    expect(alone.problems[0].message).toMatch(/^nom ambigu « Saint-Denis »/);
    expect(alone.problems[0].candidates).toEqual(['Saint-Denis, Aude (11339)', 'Saint-Denis, Gard (30247)', 'Saint-Denis, Seine-Saint-Denis (93066)', 'Saint-Denis, La Réunion (97411)']);
    expect(resolve('Saint-Denis', 'communes', { departements: ['93'] }).territory.communes).toEqual(['93066']);
    expect(resolve('Saint-Denis', 'communes', { scope: ['974'] }).territory.communes).toEqual(['97411']);
    expect(resolve('Saint-Denis (93)').territory.communes).toEqual(['93066']);
    const elsewhere = resolve('Saint-Denis', 'communes', { departements: ['79'] });
    expect(elsewhere.problems[0].message).toMatch(/aucun lieu « Saint-Denis » dans le département 79/);
  });

  it('a postal code serving several communes needs the name; with it, the commune is found', () => {
    const shared = resolve('79400', 'communes', { departements: ['79'] });
    expect(shared.territory.communes).toEqual([]);
    expect(shared.problems[0].message).toMatch(/le code postal 79400 dessert 8 communes/);
    expect(shared.problems[0].candidates).toContain("Saint-Maixent-l'École (79270)");
    expect(shared.problems[0].candidates).toHaveLength(8);
    expect(resolve("79400 Saint-Maixent-l'École").territory.communes).toEqual(['79270']);
    expect(resolve('Augé (79400)').territory.communes).toEqual(['79020']);
    expect(resolve('79000 Niort', 'postalCodes').territory.communes).toEqual(['79191']);
    expect(resolve('79000', 'postalCodes').problems[0].candidates).toEqual(['Bessines (79034)', 'Niort (79191)', 'Sciecq (79308)']);
  });

  it('a column keeps to its kind of place; unknown names get close suggestions', () => {
    const wrongKind = resolve('Deux-Sèvres', 'communes');
    expect(wrongKind.problems[0].message).toMatch(/^aucune commune ne s'appelle « Deux-Sèvres »/);
    const typo = resolve('Nirot');
    expect(typo.problems).toHaveLength(1);
    expect(typo.problems[0].severity).toBe('error');
    expect(resolve('99999').problems[0].message).toMatch(/^code inconnu « 99999 »/);
  });

  it('a former commune is read as its current commune, with a warning', () => {
    const former = resolve('Arbignieu', 'communes');
    expect(former.territory.communes).toEqual(['01015']);
    expect(former.problems).toEqual([{ severity: 'warning', value: 'Arbignieu', message: '« Arbignieu » est une ancienne commune : lue comme Arboys en Bugey (01015)' }]);
  });
});
