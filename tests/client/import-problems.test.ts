// An import's problems name their record and its line in the file, and the field in French.
import { describe, expect, it } from 'vitest';
import { fieldOfPath, problemPlace, recordLines } from '../../client/src/lib/import-problems.ts';

const TEXT = `{
  "format": "articulation/1",
  "title": "Essai, avec \\"guillemets\\" et [crochets] dans un texte",
  "mechanisms": [
    { "id": "clsm-niort", "kind": "CLSM", "name": "CLSM de Niort", "status": "active",
      "territory": { "communes": ["99999"] } },
    {
      "id": "ptsm-79", "kind": "PTSM", "name": "PTSM des Deux-Sèvres", "status": "active", "territory": { "departements": ["79"] }
    }
  ],
  "people": [{ "id": "p1", "label": "Claire Martin" }, { "id": "p2" }],
  "links": [
    { "kind": "avis", "from": "clsm-niort", "to": "ptsm-79", "stage": "projet" },
    "pas un lien"
  ]
}`;

describe('import problems', () => {
  it('finds the line where each record starts, strings with brackets and quotes included', () => {
    expect(recordLines(TEXT)).toEqual({ mechanisms: [5, 7], people: [11, 11], links: [13, 14] });
    expect(recordLines('{"mechanisms":[{"name":"a"},{"name":"b"}]}')).toEqual({ mechanisms: [1, 1], people: [], links: [] });
    // Not JSON: whatever it can, never a throw.
    expect(recordLines('{"mechanisms": [ {')).toEqual({ mechanisms: [1], people: [], links: [] });
  });

  it('names the record by its name, its kind in French and its line; the field in French', () => {
    const document = JSON.parse(TEXT);
    const lines = recordLines(TEXT);
    expect(problemPlace('mechanisms[0].territory.communes[0]', document, lines)).toEqual({ record: 'Dispositif « CLSM de Niort » (ligne 5)', field: 'Territoire' });
    expect(problemPlace('mechanisms[1].dates.adopted', document, lines)).toEqual({ record: 'Dispositif « PTSM des Deux-Sèvres » (ligne 7)', field: 'Adoption du projet' });
    expect(problemPlace('people[1].label', document, lines)).toEqual({ record: 'Personne n° 2 (ligne 11)', field: 'Libellé' });
    expect(problemPlace('links[0].stage', document, lines)).toEqual({ record: 'Lien « Avis du CLSM de Niort sur le PTSM des Deux-Sèvres (projet) » (ligne 13)', field: 'Étape' });
    expect(problemPlace('links[1]', document, lines)).toEqual({ record: 'Lien n° 2 (ligne 14)', field: '' });
    expect(problemPlace('(document)', document, lines)).toEqual({ record: 'Document', field: '' });
    expect(problemPlace('format', document, lines)).toEqual({ record: 'Document', field: 'format' });
    expect(fieldOfPath('governance.copil.roles[2]')).toBe('Composition du COPIL');
    expect(fieldOfPath('champInconnu')).toBe('champInconnu');
  });
});
