// The pure state of the views: the URL of views that do not read the territory, the journal's
// filters and the reading of its entries, the Données view's screens and prefilled forms.
import { describe, expect, it } from 'vitest';
import { auditFilters, auditQuery, importSummary } from '../../client/src/lib/audit.ts';
import { changesLine, entryTitle, fieldChanges, importUndoText, namesNeeded, undoText, type NameBook } from '../../client/src/lib/audit-changes.ts';
import { dataTab, linkPrefill, listQuery, mechanismPrefill, screenKey } from '../../client/src/lib/data.ts';
import { apiScopeParams, applyPatch, followsScenario, formatLocation, parseLocation, scenarioParams } from '../../client/src/lib/state.ts';
import { VIEW_IDS, VIEWS } from '../../client/src/views/registry.ts';

const TODAY = '2026-01-15';

describe('view registry and URL', () => {
  it('lists every screen once, the menu ones first, each with a French label', () => {
    expect(VIEW_IDS).toEqual(['reseau', 'carte', 'departement', 'constats', 'themes', 'echeances', 'avis', 'indicateurs', 'scenarios', 'donnees', 'journal', 'comptes', 'compte', 'connexion']);
    for (const id of VIEW_IDS) expect(VIEWS[id].label).toMatch(/^[A-ZÉ][a-zéèêàç ]/);
  });

  it('keeps the territory and the date out of the address of a view that does not read them', () => {
    const journal = parseLocation('#/journal?dispositif=clsm-niort&du=2025-01-01', TODAY);
    expect(journal.view).toBe('journal');
    expect(journal.params).toEqual({ dispositif: 'clsm-niort', du: '2025-01-01' });
    const withScope = { ...journal, scope: { level: 'departement' as const, code: '79' }, asOf: '2025-06-01', asOfExplicit: true };
    expect(formatLocation(withScope)).toBe('#/journal?dispositif=clsm-niort&du=2025-01-01');
    expect(formatLocation({ ...withScope, view: 'constats', params: {} })).toBe('#/constats?departement=79&asOf=2025-06-01');
    expect(parseLocation('#/connexion?retour=%23%2Favis%3Fdepartement%3D79', TODAY).params.retour).toBe('#/avis?departement=79');
  });

  it('keeps a scenario in the address of the views that show its state, and asks the API for it', () => {
    const inScenario = parseLocation('#/constats?departement=79&asOf=2027-01-01&scenario=12&gravite=error', TODAY);
    expect(inScenario.scenario).toBe(12);
    expect(inScenario.params).toEqual({ gravite: 'error' });
    expect(formatLocation(inScenario)).toBe('#/constats?departement=79&asOf=2027-01-01&scenario=12&gravite=error');
    expect(apiScopeParams(inScenario)).toEqual({ asOf: '2027-01-01', departement: '79', scenario: '12' });
    // Données edits the current data: never in a scenario, nor is the journal.
    expect(followsScenario('donnees')).toBe(false);
    expect(formatLocation({ ...inScenario, view: 'donnees', params: {} })).toBe('#/donnees?departement=79&asOf=2027-01-01');
    expect(formatLocation({ ...inScenario, view: 'journal', params: {} })).toBe('#/journal');
    expect(apiScopeParams({ ...inScenario, view: 'donnees' })).toEqual({ asOf: '2027-01-01', departement: '79' });
    expect(scenarioParams(inScenario)).toEqual({ scenario: '12' });
    // Leaving it, and ignoring what is not a scenario number.
    expect(applyPatch(inScenario, { scenario: null }, TODAY).scenario).toBeUndefined();
    expect(applyPatch(inScenario, { view: 'reseau' }, TODAY).scenario).toBe(12);
    for (const bad of ['0', 'abc', '-3', '1e3']) expect(parseLocation(`#/reseau?scenario=${bad}`, TODAY).scenario, bad).toBeUndefined();
  });
});

describe('journal', () => {
  it('reads its filters from the URL and gives the API its query', () => {
    const filters = auditFilters({ compte: ' agent@ars.fr ', dispositif: 'clsm-niort', au: '', autre: 'x' });
    expect(filters).toEqual({ compte: 'agent@ars.fr', dispositif: 'clsm-niort' });
    expect(auditQuery(filters)).toEqual({ account: 'agent@ars.fr', mechanism: 'clsm-niort', limit: '50' });
    // Without a record filter, an import is one step; a step's own records are listed by its version.
    expect(auditQuery({}, 120, 10)).toEqual({ steps: 'true', limit: '10', before: '120' });
    expect(auditQuery(auditFilters({ etape: '42' }))).toEqual({ version: '42', limit: '50' });
    expect(auditQuery(auditFilters({ etape: '42 ou pas' }))).toEqual({ limit: '50' });
  });

  const names: NameBook = {
    mechanism: (id) => ({ 'clsm-niort': 'CLSM de Niort', 'ptsm-79': 'PTSM des Deux-Sèvres' })[id],
    person: (id) => ({ 'coord-niort': 'Coordination du CLSM de Niort', 'coord-2': 'Claire Martin' })[id],
    territory: (code) => ({ '79191': 'Niort', '79003': 'Aiffres', '200041317': 'CA du Niortais' })[code],
  };

  it('says what an entry changed, field by field, in French: names, labels, French dates, never JSON', () => {
    const before = { id: 'clsm-niort', name: 'CLSM de Niort', kind: 'CLSM', status: 'active', territory: { communes: ['79191'] }, dates: { start: '2012-03-01' }, coordinators: [{ person: 'coord-niort', fte: 0.5 }], governance: { funding: ['collectivite'], copil: { roles: ['elu'] } } };
    const after = { ...before, status: 'dormant', territory: { communes: ['79191', '79003'] }, dates: { start: '2012-03-01', end: '2026-06-30' }, coordinators: [{ person: 'coord-niort', fte: 1 }], governance: { funding: ['collectivite', 'ars'], copil: { roles: ['elu', 'usagers'] } } };
    const changes = fieldChanges('mechanisms', before, after, names);
    expect(changesLine(changes)).toBe('Statut : Actif → En sommeil ; Territoire : + Aiffres ; Fin : non renseigné → 30 juin 2026 ; ETP : 0,5 → 1 ; Financements : + ARS ; Composition du COPIL : + Personnes concernées par des troubles psychiques');
    // A coordinator added with their FTE, another removed; several people: the FTE names its person.
    const moved = fieldChanges('mechanisms', { coordinators: [{ person: 'coord-niort', fte: 1 }] }, { coordinators: [{ person: 'coord-2', fte: 0.5 }] }, names);
    expect(changesLine(moved)).toBe('Coordination : + Claire Martin (0,5 ETP), − Coordination du CLSM de Niort');
    // A created record: what it holds; a link by its ends' names and its vocabulary.
    const link = { id: 'avis--clsm-niort--ptsm-79--projet', kind: 'avis', from: 'clsm-niort', to: 'ptsm-79', stage: 'projet', date: '2021-03-15', opinion: 'favorable-reserves' };
    expect(changesLine(fieldChanges('links', null, link, names))).toBe('Type : Avis sur le PTSM ; De : CLSM de Niort ; Vers : PTSM des Deux-Sèvres ; Étape : projet territorial ; Date : 15 mars 2021 ; Sens de l’avis : Favorable avec réserves');
    expect(entryTitle({ entity: 'links', before: null, after: link }, names)).toBe('Lien « Avis du CLSM de Niort sur le PTSM des Deux-Sèvres (projet) »');
    expect(entryTitle({ entity: 'mechanisms', before, after: null }, names)).toBe('Dispositif « CLSM de Niort »');
    expect(entryTitle({ entity: 'dataset', before: null, after: { counts: {} } }, names)).toBe('Jeu de données');
    // A field no vocabulary knows keeps its name; its values are still not JSON for simple values.
    expect(changesLine(fieldChanges('people', { id: 'p', label: 'A', champLibre: 1 }, { id: 'p', label: 'A', champLibre: 2 }, names))).toBe('champLibre : 1 → 2');
    // Accounts and tokens: their fields in French, dates and times in French, a scope in words.
    const token = { account: 1, name: 'script', prefix: 'art_h3Bv', expiresAt: '2026-12-08T22:02:14.691Z' };
    expect(changesLine(fieldChanges('tokens', null, token, names))).toBe('Compte : compte n° 1 ; Nom : script ; Début du jeton : art_h3Bv ; Expiration : 8 décembre 2026 à 23\u00a0h\u00a002');
    expect(changesLine(fieldChanges('accounts', { role: 'lecteur', scope: {} }, { role: 'coordinateur', scope: { mechanisms: ['clsm-niort'] } }, names))).toBe('Rôle : lecteur → coordinateur ; Périmètre : tout → dispositifs : CLSM de Niort');
    // Nothing mentions an id or JSON.
    const all = [changes, moved, fieldChanges('links', null, link, names)].map(changesLine).join(' ');
    expect(all).not.toMatch(/coord-|--|[{}"]/);
    expect(namesNeeded([{ entity: 'mechanisms', before, after }]).territories).toEqual(new Set(['79191', '79003']));
    // « Annuler » says what it will restore: the change read backwards.
    const title = entryTitle({ entity: 'mechanisms', before, after }, names);
    expect(undoText({ entity: 'mechanisms', before, after }, title, names)).toBe(
      'La fiche dispositif « CLSM de Niort » reprendra son état d’avant : Statut : En sommeil → Actif ; Territoire : − Aiffres ; ETP : 1 → 0,5 ; Financements : − ARS ; Composition du COPIL : − Personnes concernées par des troubles psychiques ; Fin : 30 juin 2026 → non renseigné.',
    );
    expect(undoText({ entity: 'links', before: null, after: link }, 'Lien « X »', names)).toBe('Cette écriture a créé la fiche lien « X » : l’annuler la supprime.');
  });

  it('sums up an import by kind of record', () => {
    expect(importSummary({ counts: { mechanisms: { created: 0, updated: 1, removed: 0 }, links: { created: 2, updated: 0, removed: 1 }, people: { created: 10, updated: 0, removed: 0 } } })).toEqual([
      '1 dispositif modifié',
      '10 personnes créées',
      '2 liens créés et 1 supprimé',
    ]);
    expect(importSummary({ counts: { people: { created: 1, updated: 2, removed: 0 } } })).toEqual(['1 personne créée et 2 modifiées']);
    expect(importSummary(null)).toEqual([]);
  });

  it('names an import step by its mode, and says what undoing it restores before it is confirmed', () => {
    const names: NameBook = { mechanism: () => undefined, person: () => undefined, territory: () => undefined };
    const counts = { mechanisms: { created: 6, updated: 1, removed: 0 }, people: { created: 1, updated: 0, removed: 0 }, links: { created: 3, updated: 0, removed: 2 } };
    expect(entryTitle({ entity: 'dataset', action: 'import', before: null, after: { mode: 'merge', counts } }, names)).toBe('Jeu de données : import en fusion');
    expect(entryTitle({ entity: 'dataset', action: 'import', before: null, after: { mode: 'replace', counts } }, names)).toBe('Jeu de données : import en remplacement');
    // Its undo (a replace under the hood) and the demonstration data keep the plain name.
    expect(entryTitle({ entity: 'dataset', action: 'undo', before: null, after: { mode: 'replace', counts } }, names)).toBe('Jeu de données');
    expect(importUndoText(counts)).toBe(
      'L’import est annulé d’un coup, en une seule étape du journal. Les fiches qu’il a créées seront supprimées : 6 dispositifs, 1 personne et 3 liens. Les fiches qu’il a modifiées reprendront leur état d’avant : 1 dispositif. Les fiches qu’il a supprimées seront rétablies : 2 liens. Si l’une de ces fiches a changé depuis, rien n’est annulé et les fiches en cause sont nommées.',
    );
    expect(importUndoText({ mechanisms: { created: 0, updated: 2, removed: 0 } }, true)).toBe(
      'L’import est annulé d’un coup, en une seule étape du journal. Les fiches qu’il a modifiées reprendront leur état d’avant : 2 dispositifs. Le titre et le périmètre du jeu de données reprendront leur valeur d’avant. Si l’une de ces fiches a changé depuis, rien n’est annulé et les fiches en cause sont nommées.',
    );
    expect(importUndoText({})).toBe('Cet import n’a changé aucune fiche : l’annuler ne change rien.');
  });
});

describe('Données', () => {
  const state = (hash: string) => parseLocation(hash, TODAY);

  it('picks the tab, the page and the list query from the URL', () => {
    expect(dataTab({}).entity).toBe('mechanisms');
    expect(dataTab({ onglet: 'liens' }).entity).toBe('links');
    expect(dataTab({ onglet: 'inconnu' }).entity).toBe('mechanisms');
    expect(listQuery(state('#/donnees?departement=79&q=niort&type=CLSM&page=2'))).toEqual({ departement: '79', q: 'niort', kind: 'CLSM', limit: '50', offset: '100' });
    expect(screenKey(state('#/donnees?departement=79&page=1'))).not.toBe(screenKey(state('#/donnees?departement=79&page=2')));
    expect(screenKey(state('#/donnees?departement=79&noeud=x'))).toBe(screenKey(state('#/donnees?departement=79')));
  });

  it('prefills a form from a finding or the checklist, ignoring what is not a known value', () => {
    expect(linkPrefill({ type: 'avis', de: 'clsm-niort', vers: 'ptsm-79', etape: 'diagnostic' })).toEqual({ kind: 'avis', from: 'clsm-niort', to: 'ptsm-79', stage: 'diagnostic' });
    expect(linkPrefill({ type: 'inconnu', etape: 'plus-tard' })).toEqual({});
    expect(mechanismPrefill({ type: 'PTSM' })).toEqual({ kind: 'PTSM' });
    expect(mechanismPrefill({ type: 'avis' })).toEqual({});
  });
});
