// What the routes share: the store, the analysis cache, the territory reference, the edge schemas.
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Context, MiddlewareHandler, TypedResponse } from 'hono';
import type { TerritoryIndex } from '../model/territory.ts';
import type { Analysis, CachedBody } from './analysis.ts';
import type { AuthService } from './auth/service.ts';
import type { Principal } from './auth/types.ts';
import type { ApiSchemas } from './schemas.ts';
import type { Store } from './store.ts';
import type { Writer } from './writer.ts';

export interface Deps {
  store: Store;
  analysis: Analysis;
  /** The same analyses over the pseudonymised state, for anonymous visitors (public read). */
  publicAnalysis: Analysis;
  territories: TerritoryIndex;
  schemas: ApiSchemas;
  auth: AuthService;
  /** Imports, and the gate every main-thread write passes (writer.idle()). */
  writer: Writer;
}

/** `principal`: the signed-in account, absent for an anonymous visitor. */
/** `publicRead`: anonymous visitors may read (set by the authentication middleware, read by requires()). */
export type AppEnv = { Variables: { requestStart: number; principal?: Principal; publicRead: boolean } };

/** The analysis a request reads: the full one for signed-in users, the pseudonymised one for anonymous visitors. */
export function analysisFor(c: Context<AppEnv>, deps: Pick<Deps, 'analysis' | 'publicAnalysis' | 'auth'>): Analysis {
  return deps.auth.seesPersonalData(c) ? deps.analysis : deps.publicAnalysis;
}

const gzipAsync = promisify(gzip);
/** Bodies smaller than this are sent as they are. */
export const COMPRESS_THRESHOLD = 8 * 1024;
const COMPRESSIBLE = /^(application\/(json|[\w.+-]+\+(json|xml)|javascript)|text\/)/i;

export function acceptsGzip(c: Context): boolean {
  const header = c.req.header('accept-encoding');
  return header !== undefined && /(^|,)\s*(gzip|\*)\s*(;\s*q=(?!0(\.0*)?\s*(,|$))[\d.]+)?\s*(,|$)/i.test(header);
}

export const bytes = (buffer: Buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) as Uint8Array<ArrayBuffer>;

/**
 * Send a cached JSON body (gzip-compressed once, on first demand, when the client accepts it),
 * or 304 when the client already has it. Typed as the JSON it holds, for the typed client.
 */
export async function sendCached<T>(c: Context, pending: CachedBody | Promise<CachedBody>): Promise<TypedResponse<T, 200, 'json'>> {
  const entry = await pending;
  c.header('ETag', entry.etag);
  c.header('Cache-Control', 'no-cache');
  c.header('Vary', 'Accept-Encoding');
  c.header('X-Data-Version', String(entry.dataVersion));
  const inm = c.req.header('if-none-match');
  if (inm && inm.split(',').some((tag) => tag.trim() === entry.etag)) {
    return c.body(null, 304) as unknown as TypedResponse<T, 200, 'json'>;
  }
  c.header('Content-Type', entry.contentType);
  // A workbook is a zip already.
  if (entry.body.byteLength >= COMPRESS_THRESHOLD && COMPRESSIBLE.test(entry.contentType) && acceptsGzip(c)) {
    entry.gzip ??= gzipAsync(entry.body);
    c.header('Content-Encoding', 'gzip');
    return c.body(bytes(await entry.gzip), 200) as unknown as TypedResponse<T, 200, 'json'>;
  }
  return c.body(bytes(entry.body), 200) as unknown as TypedResponse<T, 200, 'json'>;
}

/** gzip for large uncached responses (lists, export, territories, OpenAPI) when the client accepts it. */
export const compressLarge: MiddlewareHandler = async (c, next) => {
  await next();
  const res = c.res;
  if (c.req.method === 'HEAD' || !res.body || res.status === 204 || res.status === 304 || res.headers.has('Content-Encoding')) return;
  if (!COMPRESSIBLE.test(res.headers.get('Content-Type') ?? '') || !acceptsGzip(c)) return;
  const body = Buffer.from(await res.arrayBuffer());
  const headers = new Headers(res.headers);
  headers.append('Vary', 'Accept-Encoding');
  if (body.byteLength < COMPRESS_THRESHOLD) {
    c.res = new Response(bytes(body), { status: res.status, headers });
    return;
  }
  headers.set('Content-Encoding', 'gzip');
  headers.delete('Content-Length');
  c.res = new Response(bytes(await gzipAsync(body)), { status: res.status, headers });
};

/** A cache key from a route name and its validated query (keys sorted, so equal queries share it). */
export function cacheKey(route: string, query: object): string {
  const values = query as Record<string, unknown>;
  const parts = Object.keys(values)
    .sort()
    .filter((k) => values[k] !== undefined)
    .map((k) => `${k}=${JSON.stringify(values[k])}`);
  return `${route}?${parts.join('&')}`;
}
