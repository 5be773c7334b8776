// The pure state of the views: the URL of views that do not read the territory, the journal's
// filters and the reading of its entries, the Données view's screens and prefilled forms.
import { describe, expect, it } from 'vitest';
import { auditFilters, auditQuery, describeChanges, importSummary } from '../../client/src/lib/audit.ts';
import { dataTab, linkPrefill, listQuery, mechanismPrefill, screenKey } from '../../client/src/lib/data.ts';
import { apiScopeParams, applyPatch, followsScenario, formatLocation, parseLocation, scenarioParams } from '../../client/src/lib/state.ts';
import { VIEW_IDS, VIEWS } from '../../client/src/views/registry.ts';

const TODAY = '2026-01-15';

describe('view registry and URL', () => {
  it('lists every screen once, the menu ones first, each with a French label', () => {
    expect(VIEW_IDS).toEqual(['reseau', 'departement', 'constats', 'avis', 'indicateurs', 'scenarios', 'donnees', 'journal', 'comptes', 'compte', 'connexion']);
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

  it('says what an entry changed, in French', () => {
    expect(describeChanges({ entity: 'mechanisms', before: null, after: { id: 'x' } })).toEqual(['création']);
    expect(describeChanges({ entity: 'links', before: { id: 'x' }, after: null })).toEqual(['suppression']);
    expect(describeChanges({ entity: 'mechanisms', before: { id: 'x', name: 'A', status: 'active', territory: { communes: ['79191'] } }, after: { id: 'x', name: 'B', status: 'active', dates: { start: '2020-01-01' }, territory: { communes: ['79191'] } } })).toEqual(['dates', 'nom']);
    expect(describeChanges({ entity: 'people', before: { id: 'p', champLibre: 1 }, after: { id: 'p', champLibre: 2 } })).toEqual(['champLibre']);
  });

  it('sums up an import by kind of record', () => {
    expect(importSummary({ counts: { mechanisms: { created: 0, updated: 1, removed: 0 }, links: { created: 2, updated: 0, removed: 1 }, people: { created: 0, updated: 0, removed: 0 } } })).toEqual(['dispositifs : 1 modifié', 'liens : 2 créés et 1 supprimé']);
    expect(importSummary(null)).toEqual([]);
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
