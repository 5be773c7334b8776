// Scenarios as resources: proposed changes stored under a name, the state they would make shown
// by every view (`?scenario=` on the analysis routes), their comparison with the current data,
// and applying them through the write path. See store/scenarios.ts.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import * as v from 'valibot';
import type { ScenarioChange } from '../../model/scenario.ts';
import type { CompareOptions, ComparisonResponse, ScenarioRef } from '../analysis-answers.ts';
import { requires, forbidden, unauthorized } from '../auth/access.ts';
import { analysisFor, sendCached, type AppEnv, type Deps } from '../context.ts';
import { ApiError, badRequest, ErrorSchema, notFound } from '../errors.ts';
import { IMPORT_BODY_LIMIT, mediaType, params, query, readBodyBytes, validJson } from '../http.ts';
import { IMPORT_MEDIA_HELP, importBodyOf, planImportRequest, refusedImport } from '../imports.ts';
import { NO_NUL } from '../schemas.ts';
import type { DatasetDiff, EntityKind, LoadedDataset, Scenario, ScenarioConflict, Snapshot } from '../store.ts';

const json = (schema: v.GenericSchema) => ({ 'application/json': { schema: resolver(schema) } });
const errors = (...codes: number[]) => Object.fromEntries(codes.map((code) => [code, { description: ERROR_TEXT[code], content: json(ErrorSchema) }]));
const ERROR_TEXT: Record<number, string> = {
  400: 'Requête invalide : chaque problème nomme le changement, le champ et la valeur',
  401: 'Authentification requise',
  403: 'Rôle ou périmètre insuffisant : rien n’a été écrit',
  404: 'Aucun scénario de ce numéro que vous puissiez lire',
  409: 'Conflit : révision périmée, scénario déjà appliqué, ou fiches modifiées depuis sa préparation (conflicts les liste)',
  413: 'Corps trop volumineux',
  415: 'Type de contenu non pris en charge',
};
const tags = ['Scénarios'];

const Text = (max: number) => v.pipe(v.string('doit être un texte'), v.trim(), v.maxLength(max, `ne doit pas dépasser ${max} caractères`), NO_NUL);
const Name = v.pipe(Text(200), v.minLength(1, 'ne doit pas être vide'));
const Codes = v.optional(v.array(v.pipe(v.string('doit être un code'), v.maxLength(3, (i) => `« ${String(i.input)} » n’est pas un code`)), 'doit être une liste de codes'));
const ScopeSchema = v.optional(v.object({ departements: Codes, regions: Codes }, 'doit être un objet { departements, regions }'));
const ChangesSchema = v.optional(v.pipe(v.array(v.unknown(), 'doit être une liste de changements'), v.maxLength(1000, 'au plus 1 000 changements')));
const CreateBody = v.object({ name: Name, description: v.optional(v.nullable(Text(4000))), scope: ScopeSchema, changes: ChangesSchema }, 'doit être un objet { name, description, scope, changes }');
const UpdateBody = v.object({ ...CreateBody.entries, revision: v.pipe(v.number('doit être un nombre'), v.integer('doit être un entier'), v.minValue(1, 'doit être au moins 1')) }, 'doit être un objet { name, description, scope, changes, revision }');
const IdParam = v.object({ id: v.pipe(v.string(), v.regex(/^\d{1,12}$/, (i) => `« ${String(i.input)} » n’est pas un numéro de scénario`), v.transform(Number)) });

/** A scenario as the API shows it: with its conflicts with the current data, and what the reader may do with it. */
export type ScenarioView = Scenario & { conflicts: ScenarioConflict[]; editable: boolean };

/** The scenario a request names, if the account may read it (404 otherwise: an unreadable plan is not said to exist). */
export async function readableScenario(c: Context<AppEnv>, deps: Deps, id: number): Promise<Scenario> {
  const principal = c.get('principal');
  if (!principal) throw unauthorized('les scénarios sont réservés aux comptes : connectez-vous');
  const scenario = await deps.store.scenario(id);
  if (!scenario || !deps.auth.policy.scenarioVisible(principal.account, scenario, await deps.store.snapshot())) throw notFound(`scénario introuvable : n° ${id}`);
  return scenario;
}

/** What an analysis request carries of a scenario: its changes, pseudonymised for whoever does not see personal data. */
export function scenarioRef(c: Context<AppEnv>, deps: Deps, scenario: Scenario): ScenarioRef {
  const changes = deps.auth.seesPersonalData(c) ? scenario.changes : deps.auth.privacy.changes(scenario.changes);
  return { id: scenario.id, revision: scenario.revision, name: scenario.name, changes };
}

/** The scenario of an analysis query (`?scenario=`), if any. */
export async function scenarioOfQuery(c: Context<AppEnv>, deps: Deps, id: number | undefined): Promise<ScenarioRef | undefined> {
  return id === undefined ? undefined : scenarioRef(c, deps, await readableScenario(c, deps, id));
}

export function scenarioRoutes(deps: Deps) {
  const { store, auth, schemas } = deps;
  /** A scenario's territory: known département and région codes (400 naming the unknown one). */
  const checkScope = (scope: { departements?: string[]; regions?: string[] } | undefined) => {
    const issues = [
      ...(scope?.departements ?? []).flatMap((d, i) => (deps.territories.isDepartement(d) ? [] : [{ path: `scope.departements[${i}]`, message: `département inconnu « ${d} »` }])),
      ...(scope?.regions ?? []).flatMap((r, i) => (deps.territories.isRegion(r) ? [] : [{ path: `scope.regions[${i}]`, message: `région inconnue « ${r} »` }])),
    ];
    if (issues.length) throw badRequest(`territoire du scénario invalide : ${issues.map((i) => i.message).join(' ; ')}`, issues);
    return scope;
  };
  const principalOf = (c: Context<AppEnv>) => {
    const principal = c.get('principal');
    if (!principal) throw unauthorized();
    return principal;
  };
  const view = async (c: Context<AppEnv>, scenario: Scenario): Promise<ScenarioView> => {
    const personal = auth.seesPersonalData(c);
    const strip = (ref: Scenario['author']) => (ref && !personal ? { ...ref, email: null } : ref);
    return {
      ...scenario,
      author: strip(scenario.author),
      applied: scenario.applied ? { ...scenario.applied, by: strip(scenario.applied.by) } : null,
      changes: personal ? scenario.changes : auth.privacy.changes(scenario.changes),
      conflicts: scenario.applied ? [] : await store.scenarioConflicts(scenario),
      editable: !scenario.applied && auth.policy.scenarioEditable(principalOf(c).account, scenario),
    };
  };
  const editable = async (c: Context<AppEnv>, id: number) => {
    const scenario = await readableScenario(c, deps, id);
    if (!auth.policy.scenarioEditable(principalOf(c).account, scenario)) {
      throw forbidden(`seuls l’auteur du scénario « ${scenario.name} » et les administrateurs peuvent le modifier, le supprimer ou l’appliquer`, [{ path: 'id', message: 'scénario d’un autre compte' }]);
    }
    return scenario;
  };
  const compare = async (c: Context<AppEnv>, part: CompareOptions['part']) => {
    const { id } = c.req.valid('param' as never) as { id: number };
    const q = c.req.valid('query' as never) as v.InferOutput<typeof schemas.scenarioCompare>;
    const scenario = await readableScenario(c, deps, id);
    const analysis = analysisFor(c, deps);
    const options: CompareOptions = { asOf: q.asOf ?? analysis.today(), departement: q.departement, region: q.region, part, unchangedLimit: q.unchangedLimit };
    return sendCached<ComparisonResponse>(c, analysis.respond({ kind: 'compare', options, scenario: scenarioRef(c, deps, scenario) }, auth.minVersionFor(c)));
  };
  const compareDoc = (summary: string, description: string) =>
    describeRoute({ tags, summary, description: `${description} Paramètres : asOf (défaut : aujourd’hui, dates futures comprises), departement, region.`, responses: { 200: { description: summary, content: { 'application/json': { schema: { type: 'object' as const } } } }, ...errors(400, 401, 404) } });
  const listed = v.object({ items: v.array(v.looseObject({ id: v.number(), name: v.string() })) });

  return new Hono<AppEnv>()
    .get(
      '/',
      requires('signed-in'),
      describeRoute({ tags, summary: 'Lister les scénarios', description: 'Les scénarios que le compte peut lire (les siens, ceux qui touchent son périmètre ; tous pour un administrateur ou un lecteur), du plus récent au plus ancien, avec leurs conflits avec les données actuelles.', responses: { 200: { description: 'Scénarios', content: json(listed) }, ...errors(401) } }),
      async (c) => {
        const account = principalOf(c).account;
        const snap = await store.snapshot();
        const items: ScenarioView[] = [];
        for (const scenario of await store.scenarios()) if (auth.policy.scenarioVisible(account, scenario, snap)) items.push(await view(c, scenario));
        return c.json({ items }, 200);
      },
    )
    .post(
      '/',
      requires('write'),
      describeRoute({
        tags,
        summary: 'Créer un scénario',
        description:
          'Corps : { name, description, scope: { departements, regions }, changes }. Chaque changement : { op: create | update | delete, kind: mechanisms | people | links, id, data (la fiche complète au format articulation/1), baseVersion (la version de la fiche dont il part ; par défaut sa version actuelle) }. ' +
          'Une adoption ou une fin prévue est une entrée future de statusHistory. Chaque changement est vérifié comme l’écriture qu’il représente, dans l’ordre, et doit être dans le périmètre de son auteur : rien n’est écrit dans les données.',
        responses: { 201: { description: 'Créé (révision 1)', content: json(v.looseObject({ id: v.number() })) }, ...errors(400, 401, 403, 413, 415) },
      }),
      validJson(CreateBody),
      async (c) => {
        const body = c.req.valid('json');
        const created = await store.createScenario({ ...body, scope: checkScope(body.scope) }, auth.writeContext(c));
        c.header('Location', `/api/scenarios/${created.id}`);
        return c.json(await view(c, created), 201);
      },
    )
    .post(
      '/import',
      requires('write'),
      describeRoute({
        tags,
        summary: 'Créer un scénario depuis un fichier de fiches proposées',
        description: `Le fichier est lu comme un import en fusion (mêmes formats, même correspondance des colonnes, mêmes vérifications) : ses fiches nouvelles deviennent des créations, ses fiches modifiées des modifications ; rien n’est écrit dans les données. Paramètres : name (obligatoire), mapping, fileName. ${IMPORT_MEDIA_HELP}.`,
        responses: { 201: { description: 'Créé', content: json(v.looseObject({ id: v.number() })) }, ...errors(400, 401, 403, 413, 415) },
      }),
      query(schemas.scenarioImport),
      async (c) => {
        const q = c.req.valid('query');
        const principal = principalOf(c);
        const type = mediaType(c);
        const kind = importBodyOf(type);
        if (!kind) throw new ApiError(415, `type de contenu non pris en charge : ${type ? `« ${type} »` : 'aucun'} ; ${IMPORT_MEDIA_HELP}`, [{ path: '(en-tête Content-Type)', message: 'application/json, un classeur, text/csv ou multipart/form-data' }]);
        const body = await readBodyBytes(c, kind === 'form' ? IMPORT_BODY_LIMIT + 1024 * 1024 : IMPORT_BODY_LIMIT);
        const ctx = auth.writeContext(c);
        const plan = await planImportRequest(store, { body, contentType: c.req.header('content-type') ?? type, options: { mode: 'merge', dryRun: true, mapping: q.mapping, fileName: q.fileName }, account: principal.account }, ctx);
        if (!plan.importable || !plan.prepared?.dataset) throw refusedImport(plan, 'le scénario n’est pas créé');
        const created = await store.createScenario({ name: q.name, changes: changesOfImport(plan.prepared.snap, plan.prepared.dataset, plan.prepared.outcome.diff) }, ctx);
        c.header('Location', `/api/scenarios/${created.id}`);
        return c.json(await view(c, created), 201);
      },
    )
    .get(
      '/:id',
      requires('signed-in'),
      describeRoute({ tags, summary: 'Lire un scénario', description: 'Ses changements, son auteur, sa révision, son application (qui, quand) et ses conflits avec les données actuelles. Le lien se partage : il s’ouvre en lecture pour tout compte qui peut lire le scénario.', responses: { 200: { description: 'Le scénario', content: json(v.looseObject({ id: v.number() })) }, ...errors(401, 404) } }),
      paramsOf(),
      async (c) => c.json(await view(c, await readableScenario(c, deps, c.req.valid('param').id)), 200),
    )
    .put(
      '/:id',
      requires('write'),
      describeRoute({ tags, summary: 'Modifier un scénario', description: 'Corps : les champs du scénario et la révision lue (revision) ; révision périmée : 409. Un scénario appliqué ne change plus.', responses: { 200: { description: 'Modifié (révision + 1)', content: json(v.looseObject({ id: v.number() })) }, ...errors(400, 401, 403, 404, 409) } }),
      paramsOf(),
      validJson(UpdateBody),
      async (c) => {
        const { id } = c.req.valid('param');
        await editable(c, id);
        const { revision, ...body } = c.req.valid('json');
        return c.json(await view(c, await store.updateScenario(id, { ...body, scope: checkScope(body.scope) }, revision, auth.writeContext(c))), 200);
      },
    )
    .delete(
      '/:id',
      requires('write'),
      describeRoute({ tags, summary: 'Supprimer un scénario', description: 'Un scénario appliqué est conservé (409).', responses: { 200: { description: 'Supprimé', content: json(v.object({ deleted: v.number() })) }, ...errors(401, 403, 404, 409) } }),
      paramsOf(),
      async (c) => {
        const { id } = c.req.valid('param');
        await editable(c, id);
        await store.deleteScenario(id);
        return c.json({ deleted: id }, 200);
      },
    )
    .get('/:id/findings', requires('signed-in'), compareDoc('Constats levés, nouveaux et inchangés', 'Les constats des règles sur l’état du scénario comparés à ceux des données actuelles, à la date asOf (unchangedLimit : nombre de constats inchangés listés, 100 par défaut ; leur nombre est toujours donné).'), paramsOf(), query(schemas.scenarioCompare), (c) => compare(c, 'findings'))
    .get('/:id/indicators', requires('signed-in'), compareDoc('Indicateurs avant → après', 'Les indicateurs (France, puis chaque territoire) sur les données actuelles et sur l’état du scénario, et les avis des CLSM désormais attendus.'), paramsOf(), query(schemas.scenarioCompare), (c) => compare(c, 'indicators'))
    .get('/:id/diff', requires('signed-in'), compareDoc('Comparaison complète', 'Constats, indicateurs, avis désormais attendus et communes dont la couverture change (par un CLSM, un CLS, une CPTS, un PTSM actifs), les plus peuplées d’abord.'), paramsOf(), query(schemas.scenarioCompare), (c) => compare(c, 'diff'))
    .get(
      '/:id/export',
      requires('signed-in'),
      describeRoute({
        tags,
        summary: 'La comparaison en classeur',
        description: 'format=xlsx (défaut) ou ods ; asOf, departement, region. Feuilles : constats levés, nouveaux constats, indicateurs avant et après, avis désormais attendus, couverture des communes.',
        responses: { 200: { description: 'Le classeur', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string' as const, format: 'binary' } } } }, ...errors(400, 401, 404) },
      }),
      paramsOf(),
      query(schemas.scenarioWorkbook),
      async (c) => {
        const { id } = c.req.valid('param');
        const { format, ...q } = c.req.valid('query');
        const scenario = await readableScenario(c, deps, id);
        const analysis = analysisFor(c, deps);
        const asOf = q.asOf ?? analysis.today();
        if (!auth.seesPersonalData(c)) c.header('X-Personal-Data', 'pseudonymised');
        c.header('Content-Disposition', `attachment; filename="scenario-${id}-${asOf}.${format}"`);
        const query = { asOf, departement: q.departement, region: q.region, part: 'diff' as const };
        return sendCached(c, analysis.respond({ kind: 'workbook', options: { table: 'comparison', format, query }, scenario: scenarioRef(c, deps, scenario) }, auth.minVersionFor(c))) as unknown as Response;
      },
    )
    .get(
      '/:id/report',
      requires('signed-in'),
      describeRoute({
        tags,
        summary: 'La comparaison en rapport PDF',
        description: 'Une section de rapport (le modèle de rapport commun, rendu en PDF) : chiffres clés, indicateurs avant → après, constats levés et nouveaux, avis désormais attendus, carte et tableau des communes dont la couverture change. asOf, departement, region.',
        responses: { 200: { description: 'Le PDF', content: { 'application/pdf': { schema: { type: 'string' as const, format: 'binary' } } } }, ...errors(400, 401, 404) },
      }),
      paramsOf(),
      query(schemas.scenarioCompare),
      async (c) => {
        const { id } = c.req.valid('param');
        const q = c.req.valid('query');
        const scenario = await readableScenario(c, deps, id);
        const analysis = analysisFor(c, deps);
        const asOf = q.asOf ?? analysis.today();
        const territory = q.departement?.length ? q.departement.map((d) => `${deps.territories.departementName(d) ?? d} (${d})`).join(', ') : q.region?.length ? q.region.map((r) => deps.territories.regionName(r) ?? r).join(', ') : 'France entière';
        const account = principalOf(c).account;
        // Compared and drawn in the analysis worker: a PDF never holds the event loop.
        const pdf = (
          await analysis.once({
            kind: 'scenarioReport',
            options: { asOf, departement: q.departement, region: q.region, territory, generatedAt: new Date().toISOString(), generatedBy: account.name ?? account.email },
            scenario: scenarioRef(c, deps, scenario),
          })
        ).body;
        c.header('Content-Disposition', `attachment; filename="scenario-${id}-${asOf}.pdf"`);
        return c.body(new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength) as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'application/pdf' });
      },
    )
    .post(
      '/:id/apply',
      requires('write'),
      describeRoute({
        tags,
        summary: 'Appliquer un scénario',
        description:
          'Écrit tous ses changements par le chemin d’écriture ordinaire (vérifications, périmètre de qui applique, journal : les mêmes entrées qu’à la main), en une seule transaction. Si une fiche qu’il touche a changé depuis sa préparation, 409 avec chaque conflit (conflicts) et rien n’est écrit. Le scénario est conservé, avec qui l’a appliqué et quand.',
        responses: { 200: { description: 'Appliqué', content: json(v.looseObject({ dataVersion: v.number() })) }, ...errors(400, 401, 403, 404, 409) },
      }),
      paramsOf(),
      async (c) => {
        const { id } = c.req.valid('param');
        await editable(c, id);
        await deps.writer.idle();
        const outcome = await store.applyScenario(id, auth.writeContext(c));
        return c.json({ ...outcome, scenario: await view(c, outcome.scenario) }, 200);
      },
    );
}

const paramsOf = () => params(IdParam);

/** The changes a merged import would make, as a scenario's (creations, then modifications of the current records). */
function changesOfImport(snap: Snapshot, dataset: LoadedDataset, diff: DatasetDiff): ScenarioChange[] {
  const out: ScenarioChange[] = [];
  for (const kind of ['people', 'mechanisms', 'links'] as EntityKind[]) {
    const created = new Set(diff[kind].created);
    const updated = new Set(diff[kind].updated);
    for (const item of dataset[kind] as unknown as (Record<string, unknown> & { id: string })[]) {
      if (created.has(item.id)) out.push({ op: 'create', kind, id: item.id, data: item });
      else if (updated.has(item.id)) out.push({ op: 'update', kind, id: item.id, baseVersion: snap.index[kind].get(item.id)!.version, data: item });
    }
  }
  return out;
}
