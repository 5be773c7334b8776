// The one module that talks to the API (/api, proxied by Vite in development, same origin in
// production). Every error becomes an ApiError carrying the server's { error, issues } in
// French, so that views can show it in a DSFR alert; nothing fails silently.
import type { AvisChecklist } from '../../model/avis.ts';
import type { Indicators, IndicatorLevel } from '../../model/indicators.ts';
import type { Basis, Finding, RuleDocs, Severity, Category } from '../../model/rules/types.ts';
import type { Mechanism, Person, StoredLink, Link } from '../../model/schema.ts';
import type { TerritoryHit, TerritoryType } from '../../model/territory.ts';
import type { GraphView } from '../../model/views.ts';

export interface Issue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: Issue[] = [],
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
  get isConflict(): boolean {
    return this.status === 409;
  }
  get isNetwork(): boolean {
    return this.status === 0;
  }
}

export interface EntityRecord<T> {
  id: string;
  version: number;
  updatedAt: string;
  data: T;
}
export interface ListResult<T> {
  total: number;
  items: EntityRecord<T>[];
}

export type EntityKind = 'mechanisms' | 'people' | 'links';
export interface EntityData {
  mechanisms: Mechanism;
  people: Person;
  links: StoredLink;
}

export interface DeleteOutcome {
  deleted: EntityRecord<unknown>;
  cascaded: { links: string[]; mechanisms: string[] };
  dataVersion: number;
}

export interface Diff {
  created: string[];
  updated: string[];
  removed: string[];
  unchanged: number;
}
export type DatasetDiff = Record<EntityKind, Diff> & { meta: boolean };
export interface ImportOutcome {
  dryRun: boolean;
  mode: 'replace' | 'merge';
  valid: boolean;
  problems: { path: string; message: string; value?: unknown }[];
  problemCount: number;
  diff: DatasetDiff;
  dataVersion: number;
  changed: boolean;
}

export interface RuleInfo {
  id: string;
  category: Category;
  basis: Basis;
  defaultSeverity: Severity;
  reference: string;
  docs: RuleDocs;
}

export type TerritoryDescription = TerritoryHit & { communes: { code: string; name: string; population: number }[] };

export type Query = Record<string, string | number | boolean | undefined | null | readonly string[]>;

export function queryString(query: Query = {}): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) search.set(k, v.join(','));
    } else search.set(k, String(v));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

const BASE = '/api';

/** Set by session.ts: the session's CSRF token for writes, and what to do when a request finds no session (401). */
const authHooks = { csrf: (): string | null => null, unauthorized: (_error: ApiError): void => undefined };
export function setAuthHooks(hooks: Partial<typeof authHooks>): void {
  Object.assign(authHooks, hooks);
}
const SAFE_METHODS = new Set(['GET', 'HEAD']);
function csrfHeader(method: string): Record<string, string> {
  const token = SAFE_METHODS.has(method) ? null : authHooks.csrf();
  return token ? { 'X-CSRF-Token': token } : {};
}
/** 401 from anything but the login itself: the session is over. */
function noticeUnauthorized(path: string, error: ApiError): ApiError {
  if (error.status === 401 && !path.startsWith('/auth/')) authHooks.unauthorized(error);
  return error;
}

function errorFromBody(status: number, body: unknown, fallback: string): ApiError {
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    const message = typeof b.error === 'string' ? b.error : fallback;
    const issues = Array.isArray(b.issues) ? (b.issues as Issue[]).filter((i) => i && typeof i.message === 'string') : [];
    return new ApiError(status, message, issues, b);
  }
  return new ApiError(status, fallback);
}

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

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${BASE}${path}`, {
      method: options.method ?? 'GET',
      headers: {
        Accept: 'application/json',
        ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...csrfHeader(options.method ?? 'GET'),
        ...options.headers,
      },
      ...(options.body !== undefined ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if ((error as Error)?.name === 'AbortError') throw error;
    throw new ApiError(0, "le serveur ne répond pas : vérifiez qu'il est démarré (npm start) et votre connexion");
  }
  const text = await response.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      if (!response.ok) throw noticeUnauthorized(path, new ApiError(response.status, statusMessage(response.status)));
      throw new ApiError(response.status, 'réponse illisible du serveur (JSON attendu)');
    }
  }
  if (!response.ok) throw noticeUnauthorized(path, errorFromBody(response.status, body, statusMessage(response.status)));
  return body as T;
}

/** The list under `key`, whether the server answers with a bare array or an object holding it. */
function unwrap<T>(body: unknown, ...keys: string[]): T[] {
  if (Array.isArray(body)) return body as T[];
  if (body && typeof body === 'object') {
    for (const key of keys) {
      const value = (body as Record<string, unknown>)[key];
      if (Array.isArray(value)) return value as T[];
    }
  }
  return [];
}

const ENTITY_PATH: Record<EntityKind, string> = { mechanisms: '/mechanisms', people: '/people', links: '/links' };

export interface ListQuery {
  kind?: string | readonly string[];
  status?: string | readonly string[];
  departement?: string;
  region?: string;
  q?: string;
  mechanism?: string;
  limit?: number;
  offset?: number;
}

export const api = {
  health: () => request<Record<string, unknown>>('/health'),

  list: async <K extends EntityKind>(kind: K, query: ListQuery = {}, signal?: AbortSignal): Promise<ListResult<EntityData[K]>> => {
    const body = await request<unknown>(`${ENTITY_PATH[kind]}${queryString(query as Query)}`, { signal });
    const items = unwrap<EntityRecord<EntityData[K]>>(body, 'items', kind);
    const total = body && typeof body === 'object' && typeof (body as { total?: unknown }).total === 'number' ? (body as { total: number }).total : items.length;
    return { total, items };
  },
  get: <K extends EntityKind>(kind: K, id: string, signal?: AbortSignal) =>
    request<EntityRecord<EntityData[K]>>(`${ENTITY_PATH[kind]}/${encodeURIComponent(id)}`, { signal }),
  create: <K extends EntityKind>(kind: K, data: Partial<EntityData[K]> | Link) =>
    request<EntityRecord<EntityData[K]>>(ENTITY_PATH[kind], { method: 'POST', body: data }),
  update: <K extends EntityKind>(kind: K, id: string, data: unknown, version: number) =>
    request<EntityRecord<EntityData[K]>>(`${ENTITY_PATH[kind]}/${encodeURIComponent(id)}`, {
      method: 'PUT',
      body: data,
      headers: { 'If-Match': String(version) },
    }),
  remove: (kind: EntityKind, id: string, version: number, cascade = false) =>
    request<DeleteOutcome>(`${ENTITY_PATH[kind]}/${encodeURIComponent(id)}${cascade ? '?cascade=true' : ''}`, {
      method: 'DELETE',
      headers: { 'If-Match': String(version) },
    }),

  graph: (query: Query, signal?: AbortSignal) => request<GraphView>(`/graph${queryString(query)}`, { signal }),
  findings: async (query: Query, signal?: AbortSignal): Promise<Finding[]> => unwrap<Finding>(await request<unknown>(`/findings${queryString(query)}`, { signal }), 'findings', 'items'),
  avis: (ptsm: string, query: Query, signal?: AbortSignal) => request<AvisChecklist>(`/ptsm/${encodeURIComponent(ptsm)}/avis${queryString(query)}`, { signal }),
  indicators: (query: Query & { level: IndicatorLevel }, signal?: AbortSignal) => request<Indicators>(`/indicators${queryString(query)}`, { signal }),
  rules: async (signal?: AbortSignal): Promise<RuleInfo[]> => unwrap<RuleInfo>(await request<unknown>('/rules', { signal }), 'rules', 'items'),
  searchTerritories: async (q: string, types?: readonly TerritoryType[], signal?: AbortSignal): Promise<TerritoryHit[]> =>
    unwrap<TerritoryHit>(await request<unknown>(`/territories/search${queryString({ q, limit: 20, ...(types ? { type: types } : {}) })}`, { signal }), 'items', 'results', 'hits'),
  territory: (code: string, signal?: AbortSignal) => request<TerritoryDescription>(`/territories/${encodeURIComponent(code)}`, { signal }),
};

export interface Progress {
  /** 'upload' while the body is sent, 'server' while the server works, 'download' while the answer arrives. */
  phase: 'upload' | 'server' | 'download';
  loaded: number;
  total: number | null;
}

/** POST a large body with upload progress (fetch cannot report it): used by the import. */
export function postWithProgress<T>(path: string, body: string, onProgress: (p: Progress) => void): { promise: Promise<T>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<T>((resolve, reject) => {
    xhr.open('POST', `${BASE}${path}`);
    xhr.setRequestHeader('Content-Type', 'application/json');
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [name, value] of Object.entries(csrfHeader('POST'))) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => onProgress({ phase: 'upload', loaded: e.loaded, total: e.lengthComputable ? e.total : null });
    xhr.upload.onload = () => onProgress({ phase: 'server', loaded: 0, total: null });
    xhr.onprogress = (e) => onProgress({ phase: 'download', loaded: e.loaded, total: e.lengthComputable ? e.total : null });
    xhr.onerror = () => reject(new ApiError(0, "le serveur ne répond pas : vérifiez qu'il est démarré et votre connexion"));
    xhr.onabort = () => reject(new DOMException('annulé', 'AbortError'));
    xhr.onload = () => {
      let parsed: unknown = undefined;
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        reject(new ApiError(xhr.status, xhr.status >= 400 ? statusMessage(xhr.status) : 'réponse illisible du serveur (JSON attendu)'));
        return;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(parsed as T);
      else reject(noticeUnauthorized(path, errorFromBody(xhr.status, parsed, statusMessage(xhr.status))));
    };
    xhr.send(body);
  });
  return { promise, abort: () => xhr.abort() };
}

/** GET a file with download progress; resolves to a Blob and the file name the server suggests. */
export async function downloadWithProgress(path: string, onProgress: (p: Progress) => void, signal?: AbortSignal): Promise<{ blob: Blob; filename: string | null }> {
  let response: Response;
  try {
    response = await fetch(`${BASE}${path}`, signal ? { signal } : {});
  } catch (error) {
    if ((error as Error)?.name === 'AbortError') throw error;
    throw new ApiError(0, "le serveur ne répond pas : vérifiez qu'il est démarré et votre connexion");
  }
  if (!response.ok) {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    throw noticeUnauthorized(path, errorFromBody(response.status, body, statusMessage(response.status)));
  }
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
