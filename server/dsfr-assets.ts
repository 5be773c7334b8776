// The few files of the DSFR (@gouvfr/dsfr) the server sends itself: the API documentation page's
// stylesheets and their fonts, and the favicon (for pages the client's build does not serve, such
// as /api/docs or a PDF opened in a tab). Looked up by name in a fixed list, never joined to a
// path from the request; read once, kept in memory.
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DOCS_DSFR_STYLES } from './docs-page.ts';

const DIST = join(dirname(createRequire(import.meta.url).resolve('@gouvfr/dsfr/package.json')), 'dist');

const TYPES: Record<string, string> = { css: 'text/css; charset=UTF-8', woff: 'font/woff', woff2: 'font/woff2', svg: 'image/svg+xml', ico: 'image/x-icon', png: 'image/png' };

export interface Asset {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
}

export class DsfrAssets {
  private readonly files = new Map<string, string>();
  private readonly loaded = new Map<string, Promise<Asset>>();

  constructor() {
    for (const path of DOCS_DSFR_STYLES) this.files.set(path, join(DIST, path));
    for (const font of readdirSync(join(DIST, 'fonts'))) if (/\.woff2?$/.test(font)) this.files.set(`fonts/${font}`, join(DIST, 'fonts', font));
    for (const icon of ['favicon.svg', 'favicon.ico', 'apple-touch-icon.png']) this.files.set(`favicon/${icon}`, join(DIST, 'favicon', icon));
  }

  /** The file of that name in the list, or undefined. */
  get(name: string): Promise<Asset> | undefined {
    const file = this.files.get(name);
    if (!file) return undefined;
    let asset = this.loaded.get(name);
    if (!asset) {
      asset = readFile(file).then((bytes) => ({ body: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) as Uint8Array<ArrayBuffer>, contentType: TYPES[name.slice(name.lastIndexOf('.') + 1)] }));
      this.loaded.set(name, asset);
    }
    return asset;
  }
}
