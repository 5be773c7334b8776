// The committed artefacts derived from the model are up to date (`npm run docs` regenerates them).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../model/rules/registry.ts';
import { LINK_KINDS, MECHANISM_KINDS, MECHANISM_STATUSES } from '../../model/vocabulary.ts';
import { GENERATED } from '../../server/cli/docs.ts';

describe('generated artefacts', () => {
  for (const [path, render] of Object.entries(GENERATED)) {
    it(`${path} is up to date (run npm run docs)`, () => {
      expect(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')).toBe(render());
    });
  }

  it('the JSON Schema describes mechanisms, people and links with their enumerations', () => {
    const schema = JSON.parse(readFileSync(new URL('../../data/articulation-1.schema.json', import.meta.url), 'utf8'));
    expect(schema.properties.format.const).toBe('articulation/1');
    const mechanism = schema.properties.mechanisms.items;
    expect(mechanism.properties.kind.enum).toEqual(['CLSM', 'CLS', 'PTSM', 'CPTS', 'DAC', 'ASV']);
    expect(mechanism.required).toEqual(expect.arrayContaining(['id', 'kind', 'name', 'status', 'territory']));
    expect(schema.properties.links.items.properties.kind.enum).toContain('volet-sante-mentale');
  });

  it('the rules page documents every rule', () => {
    const page = readFileSync(new URL('../../docs/regles.md', import.meta.url), 'utf8');
    for (const r of RULES) expect(page).toContain(`### ${r.id}`);
  });

  it('the French description of the format names every kind, status and link of the code', () => {
    const page = readFileSync(new URL('../../docs/format.md', import.meta.url), 'utf8');
    for (const value of [...MECHANISM_KINDS, ...MECHANISM_STATUSES, ...LINK_KINDS]) expect(page, value).toContain(`\`${value}\``);
  });

  it('the French description of the format documents every field of the schema', () => {
    const page = readFileSync(new URL('../../docs/format.md', import.meta.url), 'utf8');
    const schema = JSON.parse(readFileSync(new URL('../../data/articulation-1.schema.json', import.meta.url), 'utf8'));
    const fields = (items: { properties: Record<string, unknown> }) => Object.keys(items.properties);
    for (const field of [...fields(schema.properties.mechanisms.items), ...fields(schema.properties.links.items), ...fields(schema.properties.people.items)]) {
      expect(page.includes(`"${field}"`) || page.includes(`\`${field}\``), field).toBe(true);
    }
    expect(page).toContain('### Historique des statuts');
  });

  it('the indicators page explains France, the yearly series and both denominators', () => {
    const page = readFileSync(new URL('../../docs/indicateurs.md', import.meta.url), 'utf8');
    for (const words of ['France entière', '## Par année', '31 décembre', '### Les deux dénominateurs', 'parmi les CLSM renseignés', 'parmi tous les CLSM actifs', 'attendu plus tard']) expect(page, words).toContain(words);
  });
});
