// Validation at the edge: JSON bodies (media type 415, size 413, syntax 400, depth 400, schema 400),
// query strings and path parameters, the expected version of a write (If-Match or a field).
// The middlewares carry hono-openapi's marker so that /api/openapi.json documents them.
import type { Context, MiddlewareHandler } from 'hono';
import { resolver, uniqueSymbol, validator } from 'hono-openapi';
import * as v from 'valibot';
import { ApiError, badRequest, pathOf, valibotIssues, type Issue } from './errors.ts';
import { decodeUtf8, parseJsonBytes, parseJsonText } from './json-body.ts';

export const ENTITY_BODY_LIMIT = 1024 * 1024; // 1 MB
export const IMPORT_BODY_LIMIT = 20 * 1024 * 1024; // 20 MB

const JSON_MEDIA = /^application\/([\w.-]+\+)?json$/i;

const formatBytes = (n: number) => (n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} Mo` : `${Math.round(n / 1024)} Ko`);

/** The media type of the request, lower case, without parameters. */
export function mediaType(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
}

/** Read the body's bytes, refusing more than `maxBytes` (checked on Content-Length, then while reading). */
export async function readBodyBytes(c: Context, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () =>
    new ApiError(413, `corps de requête trop volumineux (maximum ${formatBytes(maxBytes)})`, [{ path: '(corps)', message: `dépasse ${formatBytes(maxBytes)}` }]);
  const declared = Number(c.req.header('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  const body = c.req.raw.body;
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw badRequest('corps de requête illisible (connexion interrompue ?)', [{ path: '(corps)', message: 'lecture impossible' }]);
  }
  // Its own buffer (not a slice of Node's pool), so that it can be handed to a worker.
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** 415 unless the request declares a JSON media type. */
export function requireJsonMedia(c: Context): void {
  const type = mediaType(c);
  if (!JSON_MEDIA.test(type)) {
    throw new ApiError(
      415,
      `type de contenu non pris en charge : ${type ? `« ${type} »` : 'aucun'} ; envoyez du JSON (Content-Type: application/json)`,
      [{ path: '(en-tête Content-Type)', message: 'doit être application/json' }],
    );
  }
}

/** A JSON body's bytes, unparsed: 415 when the media type is not JSON, 413 when too large. */
export async function readJsonBytes(c: Context, maxBytes: number): Promise<Uint8Array> {
  requireJsonMedia(c);
  return readBodyBytes(c, maxBytes);
}

/** Parse a JSON body: 415 when the media type is not JSON, 413 when too large, 400 when malformed or too deep. */
export async function readJson(c: Context, maxBytes: number): Promise<unknown> {
  return parseJsonBytes(await readJsonBytes(c, maxBytes));
}

/** An optional JSON body (DELETE): undefined when there is none, else as readJson. */
export async function readOptionalJson(c: Context, maxBytes: number): Promise<unknown> {
  const text = decodeUtf8(await readBodyBytes(c, maxBytes));
  if (text.trim() === '') return undefined;
  requireJsonMedia(c);
  return parseJsonText(text);
}

type JsonInput<In, Out> = { in: { json: In }; out: { json: Out } };

/**
 * A JSON body (415 / 413 / 400 for media type, size, syntax and depth), documented in OpenAPI
 * with `schema`. The handler gets the parsed JSON and hands it to the store, which checks it
 * against the same schemas and the whole dataset (model/validate.ts), reporting every problem at
 * once: shape, codes, ids and link ends together.
 */
export function jsonBody<S extends v.GenericSchema>(
  schema: S,
  options: { maxBytes?: number } = {},
): MiddlewareHandler<any, string, JsonInput<v.InferInput<S>, unknown>> {
  const middleware: MiddlewareHandler = async (c, next) => {
    c.req.addValidatedData('json', (await readJson(c, options.maxBytes ?? ENTITY_BODY_LIMIT)) as object);
    return next();
  };
  return Object.assign(middleware, { [uniqueSymbol]: { target: 'json', ...resolver(schema) } }) as unknown as MiddlewareHandler<
    any,
    string,
    JsonInput<v.InferInput<S>, unknown>
  >;
}

/**
 * A small JSON body checked against `schema` at the edge (415 / 413 / 400 as jsonBody, then 400
 * with every issue); the handler reads the schema's output, and the typed client its input.
 */
export function validJson<S extends v.GenericSchema>(schema: S, options: { maxBytes?: number } = {}): MiddlewareHandler<any, string, { in: { json: v.InferInput<S> }; out: { json: v.InferOutput<S> } }> {
  const middleware: MiddlewareHandler = async (c, next) => {
    const parsed = v.safeParse(schema, await readJson(c, options.maxBytes ?? ENTITY_BODY_LIMIT));
    if (!parsed.success) throw badRequest('corps de requête invalide', valibotIssues(parsed.issues));
    c.req.addValidatedData('json', parsed.output as object);
    return next();
  };
  return Object.assign(middleware, { [uniqueSymbol]: { target: 'json', ...resolver(schema) } }) as unknown as MiddlewareHandler<
    any,
    string,
    { in: { json: v.InferInput<S> }; out: { json: v.InferOutput<S> } }
  >;
}

/**
 * A JSON body documented in OpenAPI with `schema` but left unread: the handler reads its bytes
 * (readJsonBytes) and hands them on undecoded (imports: decoded and parsed by the write worker).
 */
export function documentedJsonBody<S extends v.GenericSchema>(schema: S): MiddlewareHandler<any, string, JsonInput<v.InferInput<S>, unknown>> {
  const middleware: MiddlewareHandler = (_c, next) => next();
  return Object.assign(middleware, { [uniqueSymbol]: { target: 'json', ...resolver(schema) } }) as unknown as MiddlewareHandler<
    any,
    string,
    JsonInput<v.InferInput<S>, unknown>
  >;
}

/** Query string or path parameters checked against a valibot schema; 400 with the issues. */
export function query<S extends v.GenericSchema>(schema: S) {
  return validator('query', schema, (result) => {
    if (!result.success) throw invalidParameters(result.error, 'paramètres de requête invalides');
  });
}

export function params<S extends v.GenericSchema>(schema: S) {
  return validator('param', schema, (result) => {
    if (!result.success) throw invalidParameters(result.error, "paramètres d'adresse invalides");
  });
}

function invalidParameters(issues: readonly { message: string; path?: readonly unknown[] }[], message: string): ApiError {
  const list: Issue[] = issues.map((i) => ({ path: pathOf(i.path as never) || '(paramètres)', message: i.message }));
  return badRequest(`${message} : ${list.map((i) => `${i.path} ${i.message}`).join(' ; ')}`, list);
}

/**
 * The version a write expects: If-Match (`"3"`, `W/"3"` or `3`) or the `version` field.
 * Both may be given if they agree; neither is a 400.
 */
export function expectedVersion(c: Context, fromBody?: unknown, fromQuery?: unknown): number {
  const candidates: { source: string; value: number }[] = [];
  const header = c.req.header('if-match');
  if (header !== undefined) {
    const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(header);
    if (!match) throw badRequest(`en-tête If-Match invalide : « ${header} »`, [{ path: '(en-tête If-Match)', message: 'doit contenir la version lue, par exemple "3"' }]);
    candidates.push({ source: 'If-Match', value: Number(match[1]) });
  }
  for (const [source, raw] of [
    ['version', fromBody],
    ['?version', fromQuery],
  ] as const) {
    if (raw === undefined) continue;
    const value = typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : raw;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
      throw badRequest('version invalide', [{ path: source === 'version' ? 'version' : '(paramètre version)', message: 'doit être un entier ≥ 1' }]);
    }
    candidates.push({ source, value });
  }
  if (candidates.length === 0) {
    throw badRequest('version manquante : envoyez la version lue (en-tête If-Match ou champ « version ») pour éviter d’écraser une modification concurrente', [
      { path: 'version', message: 'obligatoire (en-tête If-Match ou champ version)' },
    ]);
  }
  if (new Set(candidates.map((x) => x.value)).size > 1) {
    throw badRequest('versions contradictoires', candidates.map((x) => ({ path: x.source, message: `version ${x.value}` })));
  }
  return candidates[0].value;
}
