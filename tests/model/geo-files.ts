// Read the committed contour files of data/geo/ (gzip TopoJSON) the way the server reads them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GEO_FILES, decodeLayer, type CommuneCollection, type GeoManifest, type GeoTopology } from '../../model/geo.ts';
import { readGeoTopology } from '../../server/report/contours.ts';
import { GEO_DIR } from '../../server/routes/geo.ts';

export { GEO_DIR };

export function readManifest(): GeoManifest {
  return JSON.parse(readFileSync(join(GEO_DIR, GEO_FILES.manifest), 'utf8')) as GeoManifest;
}

export function readTopology(path: string): GeoTopology {
  return readGeoTopology(path);
}

export function readLayer(path: string, object?: string): CommuneCollection {
  return decodeLayer(readTopology(path), object);
}
