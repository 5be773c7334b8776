// Documents kept as evidence, by reference, on mechanisms and links (docs/format.md, « Documents »).
import { describe, expect, it } from 'vitest';
import { validateDataset, type Problem } from '../../model/validate.ts';
import { loadTerritories } from '../../server/territories.ts';

const t = loadTerritories();
const arrete = { title: 'Arrêté du PTSM', url: 'https://www.ars.sante.fr/ptsm-79/arrete.pdf', date: '2021-06-09' };

const doc = (ptsmDocuments: unknown, linkDocuments?: unknown) => ({
  format: 'articulation/1',
  mechanisms: [
    { id: 'ptsm-79', kind: 'PTSM', name: 'PTSM 79', status: 'active', territory: { departements: ['79'] }, documents: ptsmDocuments },
    { id: 'clsm-niort', kind: 'CLSM', name: 'CLSM de Niort', status: 'active', territory: { communes: ['79191'] } },
  ],
  links: [{ kind: 'avis', from: 'clsm-niort', to: 'ptsm-79', stage: 'projet', date: '2021-03-15', ...(linkDocuments !== undefined ? { documents: linkDocuments } : {}) }],
});

function problems(input: unknown): Problem[] {
  const result = validateDataset(input, t);
  if (result.ok) throw new Error('expected the document to be invalid');
  return result.problems;
}

describe('documents', () => {
  it('are kept on mechanisms and links as given, a date optional', () => {
    const letter = { title: "Lettre d'avis du CLSM", url: 'http://niort.fr/avis-clsm.pdf', note: 'original signé' };
    const result = validateDataset(doc([arrete], [letter]), t);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.dataset.mechanisms[0].documents).toEqual([arrete]);
    expect(result.dataset.links[0].documents).toEqual([letter]);
  });

  it('refuses an address that is not http(s) and a date that is not a real date, naming the field and the value', () => {
    const found = problems(doc([{ title: 'Arrêté', url: 'ftp://ars.fr/arrete.pdf' }, { title: 'Contrat', url: 'https://ars.fr/cls.pdf', date: '2021-02-30' }], [{ title: 'Lettre', url: 'javascript:alert(1)' }]));
    expect(found).toContainEqual(expect.objectContaining({ path: 'mechanisms[0].documents[0].url', message: expect.stringContaining("« ftp://ars.fr/arrete.pdf » n'est pas une adresse web (http:// ou https://)") }));
    expect(found).toContainEqual(expect.objectContaining({ path: 'mechanisms[0].documents[1].date', message: expect.stringContaining("« 2021-02-30 » n'est pas une date valide") }));
    expect(found).toContainEqual(expect.objectContaining({ path: 'links[0].documents[0].url', message: expect.stringContaining('« javascript:alert(1) »') }));
  });

  it('refuses a document without a title, and a list given as an object', () => {
    expect(problems(doc([{ url: 'https://ars.fr/a.pdf' }])).map((p) => p.path)).toContain('mechanisms[0].documents[0].title');
    expect(problems(doc({ title: 'Arrêté', url: 'https://ars.fr/a.pdf' })).map((p) => p.path)).toContain('mechanisms[0].documents');
  });
});
