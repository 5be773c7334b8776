import { describe, expect, it } from 'vitest';
import { loadTerritories } from '../../server/territories.ts';

const t = loadTerritories();
const codes = (communes: Iterable<number>) => [...communes].map((i) => t.codes[i]);

describe('territory normalisation', () => {
  it('expands Paris, Lyon and Marseille to their municipal arrondissements', () => {
    const paris = codes(t.normalize({ communes: ['75056'] }).communes);
    expect(paris).toHaveLength(20);
    expect(paris[0]).toBe('75101');
    expect(paris).toContain('75120');
    expect(codes(t.normalize({ communes: ['69123'] }).communes)).toHaveLength(9);
    expect(codes(t.normalize({ communes: ['13055'] }).communes)).toHaveLength(16);
    // The city's population is the sum of its arrondissements'.
    expect(t.populationOf(t.normalize({ communes: ['75056'] }).communes)).toBeGreaterThan(2_000_000);
  });

  it('makes "the CLS of Paris" and "the CLSM of the 20th" intersect', () => {
    const paris = t.normalize({ communes: ['75056'] }).communes;
    const twentieth = t.normalize({ communes: ['75120'] }).communes;
    expect(twentieth).toHaveLength(1);
    expect(paris).toContain(twentieth[0]);
  });

  it('expands an EPCI straddling two départements (CC Castillon/Pujols spans 24 and 33)', () => {
    const members = t.normalize({ epci: ['243301454'] }).communes;
    expect(members.length).toBeGreaterThan(20);
    expect(t.departementsOf(members)).toEqual(['24', '33']);
    expect(codes(members)).toContain('33108'); // Castillon-la-Bataille
  });

  it('expands the Métropole de Lyon through Lyon to its arrondissements', () => {
    const members = codes(t.normalize({ epci: ['200046977'] }).communes);
    expect(members).toContain('69381');
    expect(members).not.toContain('69123');
  });

  it('expands a whole département to all its communes, with their population', () => {
    const dep = t.normalize({ departements: ['79'] }).communes;
    expect(dep.length).toBe(t.communesOfDepartement('79').length);
    expect(dep.length).toBeGreaterThan(200);
    expect(t.departementsOf(dep)).toEqual(['79']);
    const population = t.populationOf(dep);
    expect(population).toBeGreaterThan(350_000);
    expect(population).toBeLessThan(400_000);
  });

  it('unions communes, EPCI and départements without duplicates', () => {
    const union = t.normalize({ communes: ['79191', '79191'], epci: ['200041317'], departements: [] }).communes;
    const epci = t.normalize({ epci: ['200041317'] }).communes;
    expect(union).toEqual(epci);
    for (let i = 1; i < union.length; i++) expect(union[i]).toBeGreaterThan(union[i - 1]);
  });

  it('maps an old (delegated) commune code to its current commune', () => {
    // Cordieux (01120) is an associated commune of Montluel (01262).
    const associated = t.normalize({ communes: ['01120'] });
    expect(associated.unknown).toEqual([]);
    expect(codes(associated.communes)).toEqual(['01262']);
  });

  it('reports unknown codes with their field and position', () => {
    const result = t.normalize({ communes: ['79191', '99999'], epci: ['123456789'], departements: ['99'] });
    expect(result.unknown).toEqual([
      { field: 'communes', index: 1, code: '99999' },
      { field: 'epci', index: 0, code: '123456789' },
      { field: 'departements', index: 0, code: '99' },
    ]);
    expect(codes(result.communes)).toEqual(['79191']);
  });
});

describe('territory search', () => {
  it('is accent- and case-insensitive: "saint etienne" finds Saint-Étienne first', () => {
    const hits = t.search('saint etienne', 5);
    expect(hits[0]).toMatchObject({ type: 'commune', code: '42218', name: 'Saint-Étienne', departements: ['42'] });
    expect(t.search('SAINT-ÉTIENNE', 1)[0].code).toBe('42218');
  });

  it('finds EPCI and départements, and filters by type', () => {
    expect(t.search('niortais', 3, ['epci'])[0]).toMatchObject({ type: 'epci', code: '200041317' });
    expect(t.search('deux sevres', 3, ['departement'])[0]).toMatchObject({ type: 'departement', code: '79' });
    expect(t.search('deux sevres', 10, ['commune']).every((h) => h.type === 'commune')).toBe(true);
  });

  it('finds a code typed as such, and nothing for an empty query', () => {
    expect(t.search('79191', 1)[0].name).toBe('Niort');
    expect(t.search('   ', 5)).toEqual([]);
  });

  it('describes a code with its communes and population', () => {
    const paris = t.describe('75056')!;
    expect(paris).toMatchObject({ type: 'commune', name: 'Paris', departements: ['75'] });
    expect(paris.communes).toHaveLength(20);
    const epci = t.describe('243301454')!;
    expect(epci.type).toBe('epci');
    expect(epci.departements).toEqual(['24', '33']);
    expect(t.describe('75')?.type).toBe('departement');
    expect(t.describe('75')?.communes).toHaveLength(20);
    expect(t.describe('zzz')).toBeUndefined();
  });
});

describe('codes that age (docs/format.md, « Territoires »)', () => {
  const t = loadTerritories();
  it('reads a merged or delegated commune code as its current commune, and says which', () => {
    expect(t.currentCommuneCode('79248')).toBe('79191'); // an ancien code of Niort
    expect(t.currentCommuneCode('79181')).toBe('79061'); // Montigné, delegated commune of Celles-sur-Belle
    expect(t.currentCommuneCode('85037')).toBe('85289'); // Breuil-Barret, in Terval
    expect(t.normalize({ communes: ['79248'] }).communes).toEqual(t.normalize({ communes: ['79191'] }).communes);
    expect(t.communeName('79061')).toBe('Celles-sur-Belle');
  });
  it('leaves current codes, arrondissements and unknown codes alone', () => {
    for (const code of ['79191', '79061', '75120', '75056', '99999']) expect(t.currentCommuneCode(code), code).toBeUndefined();
  });
  it('a city named in a spreadsheet is one place: an aged code of Lyon is not a second Lyon', () => {
    expect(t.currentCommuneCode('69232')).toBe('69123');
    const communes = (name: string) => t.placesNamed(name).filter((m) => m.type === 'commune').map((m) => m.code);
    expect(communes('Lyon')).toEqual(['69123']);
    expect(communes('Paris')).toEqual(['75056']);
    expect(communes('Marseille')).toEqual(['13055']);
  });
});
