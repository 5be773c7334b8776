// Access is declared on each route (requires(…), server/auth/access.ts): every API route has
// exactly one declaration, and what /auth/me tells the client follows the same abilities. The
// expected permissions are written out by hand, role by role (README, « Comptes et droits »).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredAccess } from '../../server/auth/access.ts';
import { accountFor, call, makeServer, type TestServer } from './helpers.ts';

let s: TestServer;
beforeAll(async () => {
  s = await makeServer('declarations');
});
afterAll(() => s?.close());

describe('access declared on each route', () => {
  it('every API route declares its access exactly once', () => {
    const declarations = new Map<string, unknown[]>();
    for (const route of s.app.routes) {
      if (!route.path.startsWith('/api')) continue;
      // Middlewares (app.use) are registered for every method; the catch-all 404 is the one ALL route with a handler of its own.
      if (route.method === 'ALL' && route.path !== '/api/*') continue;
      const key = `${route.method} ${route.path}`;
      const access = declaredAccess(route.handler);
      declarations.set(key, [...(declarations.get(key) ?? []), ...(access === undefined ? [] : [access])]);
    }
    expect(declarations.size).toBeGreaterThan(30);
    const wrong = [...declarations].filter(([, found]) => found.length !== 1).map(([key, found]) => `${key} : ${found.length} déclaration(s)`);
    expect(wrong).toEqual([]);
    // A few declarations read as the README says.
    expect(declarations.get('GET /api/health')).toEqual(['public']);
    expect(declarations.get('GET /api/people')).toEqual(['signed-in']);
    expect(declarations.get('GET /api/mechanisms')).toEqual(['read']);
    expect(declarations.get('GET /api/geo')).toEqual(['read']);
    expect(declarations.get('GET /api/geo/communes/:file')).toEqual(['read']);
    expect(declarations.get('POST /api/mechanisms')).toEqual(['write']);
    expect(declarations.get('GET /api/audit')).toEqual(['audit']);
    expect(declarations.get('DELETE /api/accounts/:id')).toEqual(['accounts']);
    expect(declarations.get('GET /api/metrics')).toEqual(['metrics']);
  });

  it('an import needs the ability of its mode', async () => {
    const coordinator = await accountFor(s, 'coordinateur', { mechanisms: [] });
    const replace = await call(s.app, 'POST', '/api/import?mode=replace&dryRun=true', { format: 'articulation/1' }, coordinator.auth);
    expect(replace.status).toBe(403);
    expect(replace.body.error).toMatch(/ne permet pas de remplacer tout le jeu de données/);
    const merge = await call(s.app, 'POST', '/api/import?mode=merge&dryRun=true', { format: 'articulation/1' }, coordinator.auth);
    expect(merge.status).toBe(200);
  });
});

describe('/auth/me permissions', () => {
  const EXPECTED = {
    admin: { write: true, createMechanisms: true, deleteMechanisms: true, importMerge: true, importReplace: true, audit: true, undo: true, accounts: true, personalData: true },
    ars: { write: true, createMechanisms: true, deleteMechanisms: true, importMerge: true, importReplace: false, audit: true, undo: true, accounts: false, personalData: true },
    coordinateur: { write: true, createMechanisms: false, deleteMechanisms: false, importMerge: true, importReplace: false, audit: false, undo: true, accounts: false, personalData: true },
    lecteur: { write: false, createMechanisms: false, deleteMechanisms: false, importMerge: false, importReplace: false, audit: false, undo: false, accounts: false, personalData: false },
  } as const;

  for (const [role, expected] of Object.entries(EXPECTED)) {
    it(`${role}: what the README's table says`, async () => {
      const scope = role === 'ars' ? { departements: ['79'] } : role === 'coordinateur' ? { mechanisms: [] } : {};
      const { auth } = await accountFor(s, role as keyof typeof EXPECTED, scope);
      const { permissions } = (await call(s.app, 'GET', '/api/auth/me', undefined, auth)).body;
      const { editableMechanisms, ...abilities } = permissions;
      expect(abilities).toEqual(expected);
      expect(editableMechanisms).toEqual(role === 'admin' ? 'all' : []);
    });
  }
});
