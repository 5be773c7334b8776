// The one module that talks to the API. Its contract is the server's own routes: `api` is Hono's
// typed client over the app's type (server/app.ts, `AppType`), so every path, query, body and
// answer below is checked by tsc against the routes that serve them; a change on one side that
// the other does not follow breaks the build. Every refusal becomes an ApiError carrying the
// server's { error, issues } in French, for the views to show in a DSFR alert.
import { hc, type InferRequestType, type InferResponseType } from 'hono/client';
import type { AppType } from '../../server/app.ts';
import type { ErrorBody, Issue } from '../../server/errors.ts';

export type { Issue };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: Issue[] = [],
    /** The whole error body: a 409 adds `current` (the record as it is now) or the links that block a delete. */
    readonly body: Partial<ErrorBody> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
  get isConflict(): boolean {
    return this.status === 409;
  }
}

export const isAbort = (error: unknown): boolean => (error as Error | null)?.name === 'AbortError';

/** Set by session.ts: the session's CSRF token for writes, and what to do when a request finds no session (401). */
const authHooks = { csrf: (): string | null => null, unauthorized: (): void => undefined };
export function setAuthHooks(hooks: Partial<typeof authHooks>): void {
  Object.assign(authHooks, hooks);
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);
function csrfHeader(method: string): Record<string, string> {
  const token = SAFE_METHODS.has(method) ? null : authHooks.csrf();
  return token ? { 'X-CSRF-Token': token } : {};
}

const UNREACHABLE = "le serveur ne répond pas : vérifiez qu'il est démarré (npm start) et votre connexion";

function statusMessage(status: number): string {
  if (status === 401) return 'authentification requise : connectez-vous';
  if (status === 403) return 'accès refusé : votre rôle ou votre périmètre ne permet pas cette action';
  if (status === 429) return 'trop de tentatives : patientez une minute avant de réessayer';
  if (status === 404) return 'ressource introuvable';
  if (status === 409) return 'conflit : les données ont changé entre-temps';
  if (status === 413) return 'fichier trop volumineux pour le serveur';
  if (status === 502 || status === 503 || status === 504) return "l'API ne répond pas : vérifiez que le serveur est démarré (npm start)";
  if (status >= 500) return 'le serveur a rencontré une erreur';
  return `requête refusée (HTTP ${status})`;
}

/** A refused request as an ApiError; a 401 on anything but signing in ends the session. */
function refusal(path: string, status: number, body: unknown): ApiError {
  const b = body !== null && typeof body === 'object' ? (body as Partial<ErrorBody>) : {};
  const error = new ApiError(status, typeof b.error === 'string' ? b.error : statusMessage(status), Array.isArray(b.issues) ? b.issues : [], b);
  if (status === 401 && !path.startsWith('/api/auth/')) authHooks.unauthorized();
  return error;
}

async function readError(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/** fetch for the typed client: the CSRF token on writes, an ApiError for every refusal or network failure. */
async function apiFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const method = (init.method ?? 'GET').toUpperCase();
  const headers = new Headers(init.headers);
  headers.set('Accept', 'application/json');
  for (const [name, value] of Object.entries(csrfHeader(method))) headers.set(name, value);
  let response: Response;
  try {
    response = await fetch(input, { ...init, method, headers });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError(0, UNREACHABLE);
  }
  if (!response.ok) throw refusal(new URL(String(input), location.href).pathname, response.status, await readError(response));
  return response;
}

/** The API, typed by the server's routes: `api.mechanisms.$get({ query })`, `api.auth.me.$get()`… */
export const api = hc<AppType>('/', { fetch: apiFetch }).api;

/** The JSON of an answer (refusals have already thrown). */
export async function json<T>(pending: Promise<{ json(): Promise<T> }>): Promise<T> {
  return (await pending).json();
}

/** Options of a request that can be cancelled (a view that goes away, a newer request). */
export const cancellable = (signal?: AbortSignal) => (signal ? { init: { signal } } : undefined);

// ---- The answers the views read, named once (all derived from the routes).

export type Me = InferResponseType<typeof api.auth.me.$get>;
export type SignedIn = Extract<Me, { authenticated: true }>;
export type SessionAccount = SignedIn['account'];
export type Permissions = SignedIn['permissions'];
export type Role = SessionAccount['role'];
export type AccountScope = SessionAccount['scope'];
export type AccountView = InferResponseType<(typeof api.accounts)[':id']['$get']>;
export type TokenInfo = InferResponseType<typeof api.auth.tokens.$get>['items'][number];
export type AuditPage = InferResponseType<typeof api.audit.$get>;
export type AuditEntry = AuditPage['items'][number];
export type AuditQuery = InferRequestType<typeof api.audit.$get>['query'];
export type RuleInfo = InferResponseType<typeof api.rules.$get>['rules'][number];
export type Graph = InferResponseType<typeof api.graph.$get>;
export type AvisChecklist = InferResponseType<(typeof api.ptsm)[':id']['avis']['$get']>;
export type Indicators = InferResponseType<typeof api.indicators.$get>;
export type TerritoryDescription = InferResponseType<(typeof api.territories)[':code']['$get']>;
export type Coverage = InferResponseType<typeof api.coverage.$get>;
export type ThemeMatrix = InferResponseType<typeof api.themes.$get>;
export type Perimeters = InferResponseType<typeof api.perimeters.$get>;
export type PlaceHit = InferResponseType<typeof api.places.$get>['results'][number];
export type PlaceAnswer = InferResponseType<(typeof api.places)[':type'][':code']['mechanisms']['$get']>;
export type ImportOutcome = InferResponseType<typeof api.import.$post>;
export type ImportQuery = InferRequestType<typeof api.import.$post>['query'];
export type ScenarioView = InferResponseType<(typeof api.scenarios)[':id']['$get']>;
export type ScenarioComparison = InferResponseType<(typeof api.scenarios)[':id']['diff']['$get']>;

/** The three kinds of records, their answers and the bodies they take. */
const ENTITIES = { mechanisms: api.mechanisms, people: api.people, links: api.links };
export type EntityKind = keyof typeof ENTITIES;
export type EntityRecord<K extends EntityKind> = InferResponseType<(typeof ENTITIES)[K][':id']['$get']>;
export type EntityList<K extends EntityKind> = InferResponseType<(typeof ENTITIES)[K]['$get']>;
export type EntityQuery<K extends EntityKind> = InferRequestType<(typeof ENTITIES)[K]['$get']>['query'];
export type EntityBody<K extends EntityKind> = InferRequestType<(typeof ENTITIES)[K]['$post']>['json'];
export type DeleteOutcome = InferResponseType<(typeof ENTITIES)['mechanisms'][':id']['$delete']>;

/**
 * CRUD on any of the three kinds, for the code that handles them alike (lists, forms, deletes).
 * The client for one kind is the same shape for all three; TypeScript cannot follow a union of
 * them through a call, hence the one cast, on the kind's own client.
 */
const entityClient = <K extends EntityKind>(kind: K) => ENTITIES[kind] as unknown as (typeof ENTITIES)['links'];
export const records = {
  list: <K extends EntityKind>(kind: K, query: EntityQuery<K>, signal?: AbortSignal) =>
    json(entityClient(kind).$get({ query: query as EntityQuery<'links'> }, cancellable(signal))) as Promise<EntityList<K>>,
  get: <K extends EntityKind>(kind: K, id: string, signal?: AbortSignal) =>
    json(entityClient(kind)[':id'].$get({ param: { id } }, cancellable(signal))) as Promise<EntityRecord<K>>,
  create: <K extends EntityKind>(kind: K, body: EntityBody<K>) => json(entityClient(kind).$post({ json: body as EntityBody<'links'> })) as Promise<EntityRecord<K>>,
  update: <K extends EntityKind>(kind: K, id: string, body: EntityBody<K>, version: number) =>
    json(entityClient(kind)[':id'].$put({ param: { id }, json: body as EntityBody<'links'> }, { headers: { 'If-Match': String(version) } })) as Promise<EntityRecord<K>>,
  remove: (kind: EntityKind, id: string, version: number, cascade = false) =>
    json(entityClient(kind)[':id'].$delete({ param: { id }, query: cascade ? { cascade: 'true' } : {} }, { headers: { 'If-Match': String(version) } })) as Promise<DeleteOutcome>,
};

/**
 * A shipped contour file (`GET /api/geo/<path>?v=<hash>`, TopoJSON): with the manifest's hash the
 * browser keeps it a year. The route sends stored bytes, not a typed answer: the caller knows its shape.
 */
export async function geoFile(path: string, hash: string, signal?: AbortSignal): Promise<unknown> {
  return (await apiFetch(`/api/geo/${path}?v=${encodeURIComponent(hash)}`, { signal })).json();
}

// ---- Large transfers with progress (fetch cannot report an upload's progress).

export interface Progress {
  /** 'upload' while the body is sent, 'server' while the server works, 'download' while the answer arrives. */
  phase: 'upload' | 'server' | 'download';
  loaded: number;
  total: number | null;
}

/**
 * POST to /api/import with upload progress: an articulation/1 document (text), or a form whose
 * `file` is a workbook (with the assistant's mapping, corrections and skipped rows); the answer is the route's.
 */
export function importWithProgress(query: ImportQuery, body: string | FormData, onProgress: (p: Progress) => void): { promise: Promise<ImportOutcome>; abort: () => void } {
  const path = api.import.$path({ query });
  const xhr = new XMLHttpRequest();
  const promise = new Promise<ImportOutcome>((resolve, reject) => {
    xhr.open('POST', path);
    // A form's type (and its boundary) is set by the browser.
    if (typeof body === 'string') xhr.setRequestHeader('Content-Type', 'application/json');
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [name, value] of Object.entries(csrfHeader('POST'))) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => onProgress({ phase: 'upload', loaded: e.loaded, total: e.lengthComputable ? e.total : null });
    xhr.upload.onload = () => onProgress({ phase: 'server', loaded: 0, total: null });
    xhr.onprogress = (e) => onProgress({ phase: 'download', loaded: e.loaded, total: e.lengthComputable ? e.total : null });
    xhr.onerror = () => reject(new ApiError(0, UNREACHABLE));
    xhr.onabort = () => reject(new DOMException('annulé', 'AbortError'));
    xhr.onload = () => {
      let parsed: unknown;
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        parsed = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300 && parsed !== undefined) resolve(parsed as ImportOutcome);
      else reject(xhr.status >= 200 && xhr.status < 300 ? new ApiError(xhr.status, 'réponse illisible du serveur (JSON attendu)') : refusal(path, xhr.status, parsed));
    };
    xhr.send(body);
  });
  return { promise, abort: () => xhr.abort() };
}

/** GET /api/export as a file, with download progress: the Blob and the file name the server suggests. */
export async function exportWithProgress(format: 'json' | 'gexf' | 'graphml' | 'xlsx' | 'ods', onProgress: (p: Progress) => void, signal?: AbortSignal): Promise<{ blob: Blob; filename: string | null }> {
  return fileOf(await api.export.$get({ query: { format } }, cancellable(signal)), onProgress);
}

/** A file answer (an export, a workbook): its Blob, read with progress, and the file name the server suggests. */
export async function fileOf(response: Response, onProgress: (p: Progress) => void = () => undefined): Promise<{ blob: Blob; filename: string | null }> {
  const total = Number(response.headers.get('Content-Length')) || null;
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const filename = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
  const type = response.headers.get('Content-Type') ?? 'application/octet-stream';
  if (!response.body) return { blob: await response.blob(), filename };
  const reader = response.body.getReader();
  const chunks: BlobPart[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value as Uint8Array<ArrayBuffer>);
    loaded += value.byteLength;
    onProgress({ phase: 'download', loaded, total });
  }
  return { blob: new Blob(chunks, { type }), filename: filename ? decodeURIComponent(filename) : null };
}
