// The shipped contours (data/geo/, gzip TopoJSON) read on the server: for the PDF report's map.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { GEO_FILES, decodeLayer, type CommuneCollection, type GeoTopology } from '../../model/geo.ts';
import { GEO_DIR } from '../routes/geo.ts';

/** A shipped file by its logical path (`communes/79.json`), inflated and parsed. */
export function readGeoTopology(path: string, dir: string = GEO_DIR): GeoTopology {
  return JSON.parse(gunzipSync(readFileSync(join(dir, `${path}.gz`))).toString('utf8')) as GeoTopology;
}

const DEPARTEMENT_CODE = /^(?:[0-9]{2}|2A|2B|97[1-6])$/;
// Decoded départements, most recently used last: a report server draws the same few again and
// again; eight decoded files are a few MB.
const cache = new Map<string, CommuneCollection | undefined>();
const CACHE_SIZE = 8;

/** The communes of a département (undefined when it has no contour file, e.g. 975, 977). */
export function departementCommunes(code: string, dir: string = GEO_DIR): CommuneCollection | undefined {
  const key = `${dir}\u0000${code}`;
  if (cache.has(key)) {
    const hit = cache.get(key);
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  let collection: CommuneCollection | undefined;
  if (DEPARTEMENT_CODE.test(code)) {
    try {
      collection = decodeLayer(readGeoTopology(GEO_FILES.departement(code), dir));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  cache.set(key, collection);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return collection;
}
