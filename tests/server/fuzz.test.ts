// Property-based tests: thousands of malformed requests against import and every mutating
// route. None answers 5xx; a refused request leaves the database byte-for-byte unchanged
// (checksum of every table); whatever is accepted leaves a valid dataset.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateDataset } from '../../model/validate.ts';
import { ARTICULATION_FORMS, AVIS_OPINIONS, AVIS_STAGES, COPIL_ROLE_IDS, FUNDERS, LINK_KINDS, MECHANISM_KINDS, MECHANISM_STATUSES, PRIORITIES, PTSM_PRIORITIES } from '../../model/vocabulary.ts';
import { appInternals } from '../../server/app.ts';
import { Store, type Snapshot } from '../../server/store.ts';
import { loadTerritories } from '../../server/territories.ts';
import { C, call, checksum, clsNiort, clsmBressuire, coordNiort, makeServer, seedSmall, smallDataset, type TestServer } from './helpers.ts';

let s: TestServer;
beforeAll(async () => {
  s = await makeServer('fuzz');
  await seedSmall(s.app);
});
afterAll(() => s?.close());

type Req = { method: string; path: string; body?: string; headers: Record<string, string> };

const ROUTES = [
  { method: 'POST', path: '/api/mechanisms', kind: 'mechanisms' },
  { method: 'PUT', path: '/api/mechanisms/clsm-bressuire', kind: 'mechanisms' },
  { method: 'DELETE', path: '/api/mechanisms/clsm-bressuire', kind: 'mechanisms' },
  { method: 'POST', path: '/api/people', kind: 'people' },
  { method: 'PUT', path: '/api/people/coord-niort', kind: 'people' },
  { method: 'DELETE', path: '/api/people/coord-niort', kind: 'people' },
  { method: 'POST', path: '/api/links', kind: 'links' },
  { method: 'PUT', path: '/api/links/pec-niort', kind: 'links' },
  { method: 'DELETE', path: '/api/links/pec-niort', kind: 'links' },
  { method: 'POST', path: '/api/import', kind: 'import' },
  { method: 'POST', path: '/api/import?mode=merge', kind: 'import' },
  { method: 'POST', path: '/api/import?dryRun=true', kind: 'import' },
] as const;

const FIXTURES: Record<string, Record<string, unknown>> = {
  mechanisms: clsmBressuire as unknown as Record<string, unknown>,
  people: coordNiort as unknown as Record<string, unknown>,
  links: { kind: 'prise-en-compte', from: 'cls-niort', to: 'ptsm-79', id: 'pec-niort' },
  import: smallDataset(),
};

const keyArb = fc.oneof(
  fc.constantFrom('id', 'kind', 'name', 'status', 'territory', 'dates', 'label', 'from', 'to', 'stage', 'format', 'mechanisms', 'people', 'links', 'version', 'coordinators', 'governance', 'communes', 'epci', 'departements', 'start', 'end', '__proto__', 'constructor'),
  fc.string({ maxLength: 12 }),
);
const valueArb = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom('', ' ', 'CLSM', 'PTSM', 'active', '79191', '99999', '2A', 'ptsm-79', 'clsm-niort', 'Niort', '2025-02-30', '2024-02-29', -1, 0, 1.5, 1e308, null, true, [], {}),
  fc.string({ maxLength: 20 }),
);

/** A JSON value with one change somewhere in it (set, delete or replace along a random path). */
function mutate(base: unknown): fc.Arbitrary<unknown> {
  return fc
    .tuple(fc.array(fc.oneof(keyArb, fc.nat({ max: 6 })), { minLength: 1, maxLength: 4 }), fc.constantFrom('set', 'delete', 'replace-root-child'), valueArb)
    .map(([path, op, value]) => {
      const copy = structuredClone(base) as any;
      let node = copy;
      for (let i = 0; i < path.length - 1; i++) {
        const key = Array.isArray(node) ? Number(path[i]) % Math.max(node.length, 1) : String(path[i]);
        if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key) || typeof node[key] !== 'object' || node[key] === null) break;
        node = node[key];
      }
      if (node === null || typeof node !== 'object') return value;
      const last = Array.isArray(node) ? Number(path[path.length - 1]) % Math.max(node.length, 1) : String(path[path.length - 1]);
      if (op === 'delete') {
        if (Array.isArray(node)) node.splice(Number(last), 1);
        else delete node[last];
      } else {
        Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
      }
      return copy;
    });
}

const textBody = (kind: string) =>
  fc.oneof(
    { weight: 5, arbitrary: mutate(FIXTURES[kind]).map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    { weight: 2, arbitrary: fc.string({ maxLength: 60 }) },
    { weight: 1, arbitrary: fc.constant(JSON.stringify(FIXTURES[kind])).chain((t) => fc.nat({ max: t.length - 1 }).map((n) => t.slice(0, n))) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes).toString('latin1')) },
  );

const headersArb = fc.record(
  {
    'Content-Type': fc.oneof(
      { weight: 8, arbitrary: fc.constant('application/json') },
      { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/json; charset=utf-8', 'application/merge-patch+json', '') },
    ),
    'If-Match': fc.oneof(fc.constantFrom('1', '"1"', 'W/"1"', '2', '0', '*', 'abc', '"', '99999999999999999999'), fc.string({ maxLength: 10 })),
  },
  { requiredKeys: ['Content-Type'] },
);

const requestArb: fc.Arbitrary<Req> = fc
  .constantFrom(...ROUTES)
  .chain((route) =>
    fc.record({
      route: fc.constant(route),
      body: fc.option(textBody(route.kind), { nil: undefined, freq: 8 }),
      headers: headersArb,
      cascade: fc.boolean(),
    }),
  )
  .map(({ route, body, headers, cascade }) => {
    const clean: Record<string, string> = {};
    for (const [k, v] of Object.entries(headers)) if (v !== '' && v !== undefined) clean[k] = v;
    const path = route.method === 'DELETE' && cascade ? `${route.path}?cascade=true` : route.path;
    return { method: route.method, path, body, headers: clean };
  });

async function send(req: Req) {
  const res = await s.app.request(req.path, { method: req.method, headers: req.headers, body: req.body });
  const text = await res.text();
  return { status: res.status, text };
}

/** The export, imported again in place, is valid and changes nothing (replace and merge alike). */
async function expectExportReimports(server: TestServer, label = ''): Promise<void> {
  const exported = (await call(server.app, 'GET', '/api/export')).body;
  for (const mode of ['replace', 'merge']) {
    const again = await call(server.app, 'POST', `/api/import?mode=${mode}&dryRun=true`, exported);
    expect(again.status, `${label} ${mode} ${again.text.slice(0, 300)}`).toBe(200);
    expect(again.body.problems, `${label} ${mode}`).toEqual([]);
    const changes = Object.fromEntries(['mechanisms', 'people', 'links'].map((k) => [k, [...again.body.diff[k].created, ...again.body.diff[k].updated, ...again.body.diff[k].removed]]));
    expect({ changes, meta: again.body.diff.meta }, `${label} ${mode}`).toEqual({ changes: { mechanisms: [], people: [], links: [] }, meta: false });
  }
}

describe('property: malformed requests never 5xx and never write when refused', () => {
  it('arbitrary bodies, content types and versions across every mutating route', async () => {
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(requestArb, async (req) => {
        const before = await checksum(s.db);
        const res = await send(req);
        const polluted: string[] = [];
        for (const key in {}) polluted.push(key);
        expect(polluted, 'Object.prototype polluted').toEqual([]);
        expect(res.status, `${req.method} ${req.path} ${req.body?.slice(0, 200)}`).toBeLessThan(500);
        if (res.status >= 400) {
          refused++;
          const body = JSON.parse(res.text);
          expect(typeof body.error).toBe('string');
          expect(Array.isArray(body.issues)).toBe(true);
          expect(await checksum(s.db)).toBe(before);
        } else {
          accepted++;
          // What an accepted request did to the database, from its kind alone.
          const after = await checksum(s.db);
          if (req.path.includes('dryRun=true')) expect(after, `a dry run writes nothing: ${req.path}`).toBe(before);
          else if ((req.method === 'POST' && !req.path.startsWith('/api/import')) || req.method === 'DELETE') expect(after, `${req.method} ${req.path} answered ${res.status} but wrote nothing`).not.toBe(before);
        }
      }),
      { numRuns: 2500, seed: 20251122 },
    );
    expect(refused).toBeGreaterThan(2000);
    // Some mutations are harmless (an extra field, a field dropped that is optional): those writes
    // land, enough of them for « whatever was accepted » to mean something.
    expect(accepted).toBeGreaterThan(100);
    // Whatever was accepted kept the dataset valid, and its export re-imports as it is.
    const exported = await call(s.app, 'GET', '/api/export');
    const result = validateDataset(exported.body, loadTerritories());
    expect(result.ok ? [] : result.problems).toEqual([]);
    await expectExportReimports(s);
    expect(s.errors).toEqual([]);
  });

  it('guaranteed-invalid bodies: every one refused with 4xx, database unchanged', async () => {
    await s.close();
    s = await makeServer('fuzz-invalid');
    await seedSmall(s.app);
    const start = await checksum(s.db, true);
    const invalidEntity = (kind: 'mechanisms' | 'people' | 'links') => {
      const broken: Record<string, fc.Arbitrary<[string, unknown]>> = {
        mechanisms: fc.oneof(
          fc.tuple(fc.constant('kind'), fc.string({ maxLength: 8 }).filter((k) => !['CLSM', 'CLS', 'PTSM', 'CPTS', 'DAC', 'ASV'].includes(k))),
          fc.tuple(fc.constant('territory'), fc.oneof(fc.constant({}), fc.constant({ communes: ['00000'] }), fc.string(), fc.integer())),
          fc.tuple(fc.constant('name'), fc.oneof(fc.constant(''), fc.integer(), fc.constant(null))),
          fc.tuple(fc.constant('status'), fc.string({ maxLength: 6 }).filter((x) => !['project', 'active', 'dormant', 'ended'].includes(x))),
          fc.tuple(fc.constant('dates'), fc.constant({ start: '2025-02-30' })),
        ),
        people: fc.oneof(
          fc.tuple(fc.constant('label'), fc.oneof(fc.constant(''), fc.integer(), fc.constant([]))),
          fc.tuple(fc.constant('email'), fc.string({ maxLength: 10 }).filter((x) => !x.includes('@'))),
          fc.tuple(fc.constant('trained'), fc.oneof(fc.string(), fc.integer())),
        ),
        links: fc.oneof(
          fc.tuple(fc.constant('kind'), fc.string({ maxLength: 8 })),
          fc.tuple(fc.constant('from'), fc.constantFrom('ghost', 'coord-niort', 'ptsm-79')),
          fc.tuple(fc.constant('to'), fc.constantFrom('ghost', 'cls-niort')),
          fc.tuple(fc.constant('date'), fc.constantFrom('2021-13-01', 'demain', '')),
        ),
      };
      return fc
        .tuple(broken[kind], fc.jsonValue({ maxDepth: 2 }), fc.boolean())
        .map(([[key, value], noise, addNoise]) => ({ ...FIXTURES[kind], ...(kind === 'mechanisms' ? { id: 'clsm-nouveau' } : kind === 'people' ? { id: 'personne-nouvelle' } : { id: 'lien-nouveau' }), [key]: value, ...(addNoise ? { extra: noise } : {}) }));
    };
    const invalidImport = fc.oneof(
      mutate(smallDataset()).map((doc) => ({ ...(doc as object), format: 'articulation/0' })),
      fc.constant({ ...smallDataset(), mechanisms: [...(smallDataset().mechanisms as object[]), { ...clsNiort, id: 'cls-2', territory: { epci: ['123456789'] } }] }),
      fc.constant({ ...smallDataset(), links: [{ kind: 'avis', from: 'cls-niort', to: 'ptsm-79' }] }),
      fc.jsonValue().filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)),
    );
    const arb = fc.oneof(
      fc.constantFrom('mechanisms', 'people', 'links').chain((kind) =>
        fc.tuple(fc.constant(kind), invalidEntity(kind as 'mechanisms' | 'people' | 'links'), fc.constantFrom('POST', 'PUT')).map(([k, body, method]) => ({
          method,
          path: method === 'POST' ? `/api/${k}` : `/api/${k}/${(body as any).id}`,
          body: JSON.stringify(body),
          headers: { 'Content-Type': 'application/json', 'If-Match': '1' },
        })),
      ),
      fc.tuple(invalidImport, fc.constantFrom('replace', 'merge')).map(([doc, mode]) => ({ method: 'POST', path: `/api/import?mode=${mode}`, body: JSON.stringify(doc), headers: { 'Content-Type': 'application/json' } })),
      // stale or missing versions on otherwise valid writes
      fc.constantFrom(
        { method: 'PUT', path: '/api/mechanisms/clsm-bressuire', body: JSON.stringify({ ...clsmBressuire, name: 'X' }), headers: { 'Content-Type': 'application/json', 'If-Match': '7' } },
        { method: 'PUT', path: '/api/people/coord-niort', body: JSON.stringify({ label: 'X' }), headers: { 'Content-Type': 'application/json' } },
        { method: 'DELETE', path: '/api/links/pec-niort', body: undefined, headers: { 'If-Match': '3' } },
        { method: 'DELETE', path: '/api/mechanisms/ptsm-79', body: undefined, headers: { 'If-Match': '1' } },
        { method: 'DELETE', path: '/api/people/coord-niort', body: undefined, headers: { 'If-Match': '1' } },
        { method: 'POST', path: '/api/mechanisms', body: JSON.stringify({ ...clsmBressuire }), headers: { 'Content-Type': 'application/json' } },
        { method: 'POST', path: '/api/mechanisms', body: JSON.stringify({ ...clsmBressuire, id: 'nouveau' }), headers: { 'Content-Type': 'text/plain' } },
        { method: 'POST', path: '/api/import', body: JSON.stringify(smallDataset()).slice(0, -1), headers: { 'Content-Type': 'application/json' } },
      ),
    ) as fc.Arbitrary<Req>;
    await fc.assert(
      fc.asyncProperty(arb, async (req) => {
        const res = await send(req);
        expect(res.status, `${req.method} ${req.path} ${req.body?.slice(0, 300)} → ${res.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 1500, seed: 42 },
    );
    expect(await checksum(s.db, true)).toBe(start);
    expect(s.errors).toEqual([]);
  });

  it('territory codes of every shape in a mechanism: never 5xx', async () => {
    const code = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(C.niort, '75056', '2A004', '97101', '200041317', '79', '2A', '975'));
    await fc.assert(
      fc.asyncProperty(fc.record({ communes: fc.array(code, { maxLength: 4 }), epci: fc.array(code, { maxLength: 2 }), departements: fc.array(code, { maxLength: 2 }) }), async (territory) => {
        const before = await checksum(s.db);
        const res = await send({ method: 'POST', path: '/api/mechanisms', body: JSON.stringify({ kind: 'CLSM', name: 'Essai', status: 'active', territory }), headers: { 'Content-Type': 'application/json' } });
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) expect(await checksum(s.db)).toBe(before);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});

// ------------------------------------------------------------------ valid-looking writes

const MECHANISM_IDS = ['clsm-a', 'cls-b', 'ptsm-c', 'cpts-d', 'constructor', 'asv-e', 'dac-f'];
const PERSON_IDS = ['personne-a', 'personne-b', 'hasownproperty', 'coord-niort'];
const LINK_IDS = ['lien-a', '__proto__', 'toString', 'hasOwnProperty', 'lien à espaces', 'constructor'];
const COMMUNES = [C.niort, C.chauray, C.aiffres, C.bressuire, C.parthenay, C.thouars, C.paris20, '75056', '2A004', '97101'];
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

const text = fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), fc.constantFrom('  Niort  ', 'Saint-Étienne', 'CLSM « test »', '\u00e9\u0301', 'a\u0000b'));
const extras = fc.dictionary(fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS, 'note', 'source'), fc.string({ minLength: 1, maxLength: 8 })), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });
/** Sometimes a list where an object is expected: a write must refuse it, never store it. */
const objectOrList = <T>(value: fc.Arbitrary<T>) => fc.oneof({ weight: 9, arbitrary: value }, { weight: 1, arbitrary: value.map((v) => Object.values(v as object)) });
const date = fc.date({ min: new Date('2010-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

const mechanismArb = fc
  .record(
    {
      id: fc.constantFrom(...MECHANISM_IDS),
      kind: fc.constantFrom(...MECHANISM_KINDS),
      name: text,
      status: fc.constantFrom(...MECHANISM_STATUSES),
      territory: objectOrList(fc.record({ communes: fc.subarray(COMMUNES, { minLength: 1, maxLength: 3 }), departements: fc.subarray(['79', '86', '2A']) }, { requiredKeys: ['communes'] }).chain((t) => extras.map((x) => ({ ...x, ...t })))),
      dates: objectOrList(fc.record({ start: date, end: date, adopted: date, signed: date }, { requiredKeys: [] }).map((d) => (d.start && d.end && d.end < d.start ? { ...d, start: d.end, end: d.start } : d))),
      priorities: fc.subarray([...PRIORITIES]),
      themes: fc.array(fc.oneof(fc.constantFrom('logement', ' Cas complexes ', 'suicide'), text), { maxLength: 3 }),
      mentalHealthComponent: fc.boolean(),
      governance: objectOrList(
        fc.record({ copil: fc.record({ roles: fc.subarray([...COPIL_ROLE_IDS]), meetingsPerYear: fc.nat(12) }, { requiredKeys: [] }), plenaryPerYear: fc.nat(3), charter: fc.boolean(), funding: fc.subarray([...FUNDERS]), workingGroups: fc.array(fc.record({ theme: text, title: text }, { requiredKeys: ['theme'] }), { maxLength: 2 }) }, { requiredKeys: [] }),
      ),
      coordinators: fc.uniqueArray(fc.record({ person: fc.constantFrom(...PERSON_IDS), fte: fc.double({ min: 0.05, max: 1, noNaN: true }) }, { requiredKeys: ['person'] }), { selector: (c) => c.person, maxLength: 1 }),
    },
    { requiredKeys: ['id', 'kind', 'name', 'status', 'territory'] },
  )
  .chain((m) => extras.map((x) => ({ ...x, ...m })));

const personArb = fc
  .record({ id: fc.constantFrom(...PERSON_IDS), label: text, trained: fc.boolean(), email: fc.emailAddress(), phone: fc.string({ maxLength: 20 }) }, { requiredKeys: ['id', 'label'] })
  .chain((p) => extras.map((x) => ({ ...x, ...p })));

const linkArb = fc
  .record(
    {
      id: fc.constantFrom(...LINK_IDS),
      kind: fc.constantFrom(...LINK_KINDS),
      from: fc.constantFrom(...MECHANISM_IDS),
      to: fc.constantFrom(...MECHANISM_IDS),
      stage: fc.constantFrom(...AVIS_STAGES),
      date,
      opinion: fc.constantFrom(...AVIS_OPINIONS),
      priorities: fc.subarray([...PTSM_PRIORITIES]),
      forms: fc.subarray([...ARTICULATION_FORMS]),
    },
    { requiredKeys: ['kind', 'from', 'to'] },
  )
  .chain((l) => extras.map((x) => ({ ...x, ...l })));

type Op =
  | { route: 'create' | 'update'; kind: 'mechanisms' | 'people' | 'links'; body: Record<string, unknown> }
  | { route: 'delete'; kind: 'mechanisms' | 'people' | 'links'; id: string; cascade: boolean }
  | { route: 'merge'; body: Record<string, unknown> }
  | { route: 'undo'; back: number };

const bodyOf = { mechanisms: mechanismArb, people: personArb, links: linkArb };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  ...(['mechanisms', 'people', 'links'] as const).flatMap((kind) => [
    { weight: 3, arbitrary: bodyOf[kind].map((body) => ({ route: 'create' as const, kind, body })) },
    { weight: 3, arbitrary: bodyOf[kind].map((body) => ({ route: 'update' as const, kind, body })) },
    {
      weight: 1,
      arbitrary: fc.record({ id: fc.constantFrom(...(kind === 'mechanisms' ? MECHANISM_IDS : kind === 'people' ? PERSON_IDS : LINK_IDS)), cascade: fc.boolean() }).map(({ id, cascade }) => ({ route: 'delete' as const, kind, id, cascade })),
    },
  ]),
  { weight: 2, arbitrary: fc.record({ mechanisms: fc.array(mechanismArb, { maxLength: 2 }), people: fc.array(personArb, { maxLength: 2 }), links: fc.array(linkArb, { maxLength: 2 }) }).map((d) => ({ route: 'merge' as const, body: { format: 'articulation/1', ...d } })) },
  { weight: 1, arbitrary: fc.nat(5).map((back) => ({ route: 'undo' as const, back })) },
);

const territories = loadTerritories();
const stateOf = (snap: Snapshot) =>
  Object.fromEntries((['mechanisms', 'people', 'links'] as const).map((k) => [k, snap.records[k].map((r) => [r.id, r.version, r.updatedAt, snap.positions[k].get(r.id), JSON.stringify(r.data)])]));

async function apply(server: TestServer, op: Op): Promise<number> {
  const path = (kind: string, id: string) => `/api/${kind}/${encodeURIComponent(id)}`;
  const versionOf = async (kind: string, id: string) => (await call(server.app, 'GET', path(kind, id))).body?.version ?? 1;
  switch (op.route) {
    case 'create':
      return (await call(server.app, 'POST', `/api/${op.kind}`, op.body)).status;
    case 'update': {
      const id = String(op.body.id ?? 'lien-a');
      const current = await call(server.app, 'GET', path(op.kind, id));
      // An update of a record that does not exist yet creates it instead: more writes land.
      if (current.status === 404) return (await call(server.app, 'POST', `/api/${op.kind}`, op.body)).status;
      return (await call(server.app, 'PUT', path(op.kind, id), op.body, { 'If-Match': String(current.body.version) })).status;
    }
    case 'delete':
      return (await call(server.app, 'DELETE', `${path(op.kind, op.id)}${op.cascade ? '?cascade=true' : ''}`, undefined, { 'If-Match': String(await versionOf(op.kind, op.id)) })).status;
    case 'merge':
      return (await call(server.app, 'POST', '/api/import?mode=merge', op.body)).status;
    case 'undo': {
      const entries = (await call(server.app, 'GET', '/api/audit?limit=10')).body.items.filter((e: any) => e.latest && ['mechanisms', 'people', 'links'].includes(e.entity));
      const entry = entries[op.back % Math.max(entries.length, 1)];
      return entry ? (await call(server.app, 'POST', `/api/audit/${entry.seq}/undo`)).status : 404;
    }
  }
}

describe('property: whatever a write accepts, the export re-imports with an empty diff', () => {
  it('valid-looking records (extra fields, prototype-named ids and keys, the odd list for an object) through every mutating route', async () => {
    const w = await makeServer('fuzz-roundtrip');
    try {
      await seedSmall(w.app);
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 8 }), async (ops) => {
          for (const op of ops) {
            const status = await apply(w, op);
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            expect(status, JSON.stringify(op).slice(0, 300)).toBeLessThan(500);
          }
          await expectExportReimports(w, JSON.stringify(ops).slice(0, 500));
          // The state the writes patched in memory is the database's, record for record.
          expect(stateOf(await appInternals(w.app).store.snapshot())).toEqual(stateOf(await new Store(w.db, territories).snapshot()));
          for (const path of ['/api/graph?people=true', '/api/findings?limit=5', '/api/indicators']) expect((await call(w.app, 'GET', path)).status, path).toBe(200);
        }),
        { numRuns: 60, seed: 111 },
      );
      // The property saw accepted writes of every sort, not only refusals.
      expect((statuses.get(200) ?? 0) + (statuses.get(201) ?? 0)).toBeGreaterThan(50);
      expect(statuses.get(400) ?? 0).toBeGreaterThan(5);
      const exported = (await call(w.app, 'GET', '/api/export')).body;
      expect(exported.mechanisms.length + exported.people.length + exported.links.length).toBeGreaterThan(5);
      expect(w.errors).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
