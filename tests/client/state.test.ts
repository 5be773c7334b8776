import { describe, expect, it } from 'vitest';
import { apiScopeParams, applyPatch, flagParam, formatLocation, listParam, parseLocation, sameScope } from '../../client/src/lib/state.ts';

const TODAY = '2026-01-15';

describe('URL state', () => {
  it('defaults to the network, France, today', () => {
    const s = parseLocation('', TODAY);
    expect(s).toEqual({ view: 'reseau', asOf: TODAY, asOfExplicit: false, scope: { level: 'france' }, params: {} });
    expect(formatLocation(s)).toBe('#/reseau');
  });

  it('reads view, scope, date and view parameters', () => {
    const s = parseLocation('#/constats?departement=79&asOf=2025-06-01&gravite=error,warning&q=niort', TODAY);
    expect(s.view).toBe('constats');
    expect(s.scope).toEqual({ level: 'departement', code: '79' });
    expect(s.asOf).toBe('2025-06-01');
    expect(s.asOfExplicit).toBe(true);
    expect(s.params).toEqual({ gravite: 'error,warning', q: 'niort' });
  });

  it('round-trips through the hash (a shared link gives the same view)', () => {
    const hash = '#/reseau?region=75&asOf=2024-12-31&noeud=clsm-niort&types=CLSM,CLS';
    const s = parseLocation(hash, TODAY);
    expect(parseLocation(formatLocation(s), TODAY)).toEqual(s);
    expect(formatLocation(s)).toBe('#/reseau?region=75&asOf=2024-12-31&noeud=clsm-niort&types=CLSM,CLS');
  });

  it('ignores unknown views, invalid dates and codes', () => {
    const s = parseLocation('#/inconnue?asOf=2023-02-29&departement=999', TODAY);
    expect(s.view).toBe('reseau');
    expect(s.asOf).toBe(TODAY);
    expect(s.asOfExplicit).toBe(false);
    expect(s.scope).toEqual({ level: 'france' });
  });

  it('accepts Corsican and overseas départements', () => {
    expect(parseLocation('#/reseau?departement=2a', TODAY).scope).toEqual({ level: 'departement', code: '2A' });
    expect(parseLocation('#/reseau?departement=974', TODAY).scope).toEqual({ level: 'departement', code: '974' });
  });

  it('patches: params set and removed, view change resets params, asOf null is today', () => {
    const s = parseLocation('#/reseau?departement=79&asOf=2025-06-01&noeud=a&types=CLSM', TODAY);
    const a = applyPatch(s, { params: { noeud: null, gravite: 'error' } }, TODAY);
    expect(a.params).toEqual({ types: 'CLSM', gravite: 'error' });
    const b = applyPatch(s, { view: 'avis', resetParams: true }, TODAY);
    expect(b.params).toEqual({});
    expect(b.scope).toEqual(s.scope);
    expect(b.asOf).toBe('2025-06-01');
    const c = applyPatch(s, { asOf: null }, TODAY);
    expect(c.asOf).toBe(TODAY);
    expect(formatLocation(c)).not.toContain('asOf');
    const d = applyPatch(s, { asOf: 'pas une date' }, TODAY);
    expect(d.asOf).toBe('2025-06-01');
  });

  it('gives the API its scope and date', () => {
    expect(apiScopeParams(parseLocation('#/reseau?departement=79&asOf=2025-06-01', TODAY))).toEqual({ asOf: '2025-06-01', departement: '79' });
    expect(apiScopeParams(parseLocation('#/reseau?region=75', TODAY))).toEqual({ asOf: TODAY, region: '75' });
    expect(apiScopeParams(parseLocation('#/reseau', TODAY))).toEqual({ asOf: TODAY });
  });

  it('reads list and flag parameters defensively', () => {
    expect([...listParam({ types: 'CLSM,XYZ,CLS' }, 'types', ['CLSM', 'CLS', 'PTSM'] as const)]).toEqual(['CLSM', 'CLS']);
    expect(listParam({}, 'types', ['CLSM'] as const).size).toBe(0);
    expect(flagParam({ a: '0' }, 'a', true)).toBe(false);
    expect(flagParam({}, 'a', true)).toBe(true);
    expect(sameScope({ level: 'region', code: '75' }, { level: 'region', code: '75' })).toBe(true);
    expect(sameScope({ level: 'region', code: '75' }, { level: 'departement', code: '75' })).toBe(false);
  });
});
