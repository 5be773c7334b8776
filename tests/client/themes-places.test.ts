// The theme and place filters of the findings and of Données, pure parts.
import { describe, expect, it } from 'vitest';
import { aboutTheme, filterFindings, filtersFromParams } from '../../client/src/lib/findings.ts';
import { listQuery } from '../../client/src/lib/data.ts';
import { parseLocation } from '../../client/src/lib/state.ts';
import { finding } from './fixtures.ts';

const themes = new Map<string, readonly string[]>([['clsm-bressuire', ['cas-complexes']], ['ptsm-79', []], ['clsm-niort', ['logement']]]);
const themesOf = (id: string) => themes.get(id) ?? [];

describe('findings about a theme', () => {
  it('a theme the finding names, or one a subject works on; not another', () => {
    const duplicate = finding({ id: 'd', rule: 'duplicate-theme', subjects: ['clsm-niort', 'cls-niort'], data: { theme: 'sism', themes: ['sism', 'suicide'] } });
    const avis = finding({ id: 'a' });
    expect(aboutTheme(duplicate, 'suicide', themesOf)).toBe(true);
    expect(aboutTheme(duplicate, 'logement', themesOf)).toBe(true); // Niort's CLSM works on it
    expect(aboutTheme(avis, 'cas-complexes', themesOf)).toBe(true);
    expect(aboutTheme(avis, 'logement', themesOf)).toBe(false);
    const filters = filtersFromParams({ theme: 'logement' });
    expect(filterFindings([duplicate, avis], filters, undefined, themesOf).map((f) => f.id)).toEqual(['d']);
    expect(filterFindings([duplicate, avis], filtersFromParams({}), undefined, themesOf)).toHaveLength(2);
  });
});

describe('Données: place and theme', () => {
  it('the mechanisms list asks for the place and the theme; the other lists do not', () => {
    const state = parseLocation('#/donnees?departement=79&lieu=code-postal:79400&theme=logement', '2025-06-01');
    expect(listQuery(state)).toMatchObject({ departement: '79', place: 'code-postal:79400', theme: 'logement' });
    const people = parseLocation('#/donnees?departement=79&onglet=personnes&lieu=code-postal:79400&theme=logement', '2025-06-01');
    expect(listQuery(people)).not.toHaveProperty('place');
    expect(listQuery(people)).not.toHaveProperty('theme');
  });
});
