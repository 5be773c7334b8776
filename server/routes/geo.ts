// The shipped contours (data/geo/, written by `npm run geo:build`): GET /api/geo, the manifest
// (data/geo/index.json), and GET /api/geo/<path> for every file it lists (communes/79.json,
// france-communes.json, france.json). Files are stored gzip-compressed and sent as they are to
// clients that accept gzip (every browser); others get them inflated once and kept.
//
// Caching: a file fetched with `?v=<hash>` (the hash the manifest gives) is immutable for a year;
// without it, a day, then revalidated by ETag. The manifest is always revalidated.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { GEO_FILES, type GeoManifest } from '../../model/geo.ts';
import { acceptsGzip, bytes, type AppEnv } from '../context.ts';
import { ApiError, notFound } from '../errors.ts';

export const GEO_DIR = fileURLToPath(new URL('../../data/geo/', import.meta.url));

const JSON_TYPE = 'application/json; charset=UTF-8';
const YEAR = 'public, max-age=31536000, immutable';
const DAY = 'public, max-age=86400';

interface Entry {
  hash: string;
  gzip?: Uint8Array<ArrayBuffer>;
  plain?: Uint8Array<ArrayBuffer>;
}

function notModified(c: Context, etag: string): boolean {
  const inm = c.req.header('if-none-match');
  return inm !== undefined && inm.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

export function geoRoutes(dir: string = GEO_DIR) {
  let manifest: { text: string; etag: string; entries: Map<string, Entry & { file: string }> } | undefined;
  const load = () => {
    if (manifest) return manifest;
    let text: string;
    try {
      text = readFileSync(join(dir, GEO_FILES.manifest), 'utf8');
    } catch {
      throw new ApiError(503, 'contours géographiques absents du serveur : lancez npm run geo:build', [{ path: 'data/geo', message: `${GEO_FILES.manifest} introuvable` }]);
    }
    const value = JSON.parse(text) as GeoManifest;
    const etag = `"${createHash('sha256').update(text).digest('hex').slice(0, 16)}"`;
    manifest = { text, etag, entries: new Map(value.files.map((f) => [f.path, { hash: f.hash, file: f.file }])) };
    return manifest;
  };

  const send = (c: Context, path: string) => {
    const entry = load().entries.get(path);
    if (!entry) {
      throw notFound(`fichier géographique inconnu : « ${path} »`, [{ path: '(adresse)', message: 'voir /api/geo pour la liste des fichiers' }]);
    }
    const etag = `"${entry.hash}"`;
    c.header('ETag', etag);
    c.header('Cache-Control', c.req.query('v') === entry.hash ? YEAR : DAY);
    c.header('Vary', 'Accept-Encoding');
    if (notModified(c, etag)) return c.body(null, 304);
    c.header('Content-Type', JSON_TYPE);
    entry.gzip ??= bytes(readFileSync(join(dir, entry.file)));
    if (acceptsGzip(c)) {
      c.header('Content-Encoding', 'gzip');
      return c.body(entry.gzip, 200);
    }
    entry.plain ??= bytes(gunzipSync(entry.gzip));
    return c.body(entry.plain, 200);
  };

  const description =
    'Contours simplifiés (TopoJSON compressé gzip) : communes/<département>.json (communes d’un département, coordonnées réelles), ' +
    'france-communes.json (toutes les communes, simplifiées, outre-mer en médaillons), france.json (départements et régions). ' +
    'Avec ?v=<hash> donné par /api/geo, la réponse est immuable (cache d’un an). Sources : IGN – Admin Express COG 2018 (Licence Ouverte), Ville de Paris (ODbL).';
  const jsonResponse = { 'application/json': { schema: { type: 'object' as const } } };

  return new Hono<AppEnv>()
    .get(
      '/',
      describeRoute({
        tags: ['Territoires'],
        summary: 'Liste des fichiers de contours, leurs tailles et empreintes, les communes sans contour',
        responses: { 200: { description: 'Manifeste', content: jsonResponse } },
      }),
      (c) => {
        const { text, etag } = load();
        c.header('ETag', etag);
        c.header('Cache-Control', 'no-cache');
        if (notModified(c, etag)) return c.body(null, 304);
        return c.body(text, 200, { 'Content-Type': JSON_TYPE });
      },
    )
    .get(
      '/communes/:file',
      describeRoute({ tags: ['Territoires'], summary: 'Contours des communes d’un département (ex. 79.json)', description, responses: { 200: { description: 'TopoJSON', content: jsonResponse }, 404: { description: 'Département sans fichier' } } }),
      (c) => send(c, `communes/${c.req.param('file')}`),
    )
    .get(
      '/:file',
      describeRoute({ tags: ['Territoires'], summary: 'Couches nationales (france-communes.json, france.json)', description, responses: { 200: { description: 'TopoJSON', content: jsonResponse }, 404: { description: 'Fichier inconnu' } } }),
      (c) => send(c, c.req.param('file')),
    );
}
