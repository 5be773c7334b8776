// The contours a map or the network's geographic layout draws for a territory: a département's
// communes (its file, in true coordinates), a région's (its départements' files), or France's (the
// national layer, overseas in insets, with the départements' outlines). Fetched with the manifest's
// hash (cached a year by the browser) and decoded once per page: contours never change.
import {
  decodeLayer,
  drawingIndex,
  GEO_FILES,
  GEO_OBJECTS,
  outlineOf,
  outlineOfFeatures,
  type CommuneFeature,
  type GeoGeometry,
  type GeoManifest,
  type GeoTopology,
} from '../../../model/geo.ts';
import { api, cancellable, geoFile, json } from '../api.ts';
import { RequestCache } from '../lib/cache.ts';
import type { Scope } from '../lib/state.ts';
import { departementsOfRegion } from '../lib/territories.ts';

export interface MapLayer {
  /** Drawn features: communes, Paris's arrondissements, Lyon and Marseille whole. */
  features: CommuneFeature[];
  /** Département outlines drawn over the communes. */
  borders: GeoGeometry[];
  /** The national layer: overseas départements in insets, no commune names. */
  national: boolean;
  /** Base commune → the feature that draws it (itself, or Lyon or Marseille). */
  drawing: Map<string, string>;
  /** Names of the drawn communes (département files only). */
  names: Map<string, string>;
  /** The outline of some drawn features, merged along their shared borders. */
  outline(codes: ReadonlySet<string>): GeoGeometry[];
}

// Decoded contours are kept for the page's life (a few megabytes for France): they never change.
const contours = new RequestCache();

const manifest = (signal: AbortSignal) => contours.get('manifest', (s) => json(api.geo.$get(undefined, cancellable(s))) as Promise<GeoManifest>, signal);

function topology(path: string, signal: AbortSignal): Promise<GeoTopology> {
  return contours.get(
    `file:${path}`,
    async (s) => {
      const files = await manifest(s);
      const entry = files.files.find((f) => f.path === path);
      if (!entry) throw new Error(`contours absents du serveur : ${path}`);
      return (await geoFile(path, entry.hash, s)) as GeoTopology;
    },
    signal,
  );
}

/** The contours of a territory (decoded once per page and territory). */
export function loadLayer(scope: Scope, signal: AbortSignal): Promise<MapLayer> {
  const key = scope.level === 'france' ? 'france' : `${scope.level}:${scope.code}`;
  return contours.get(`layer:${key}`, (s) => (scope.level === 'france' ? nationalLayer(s) : departementsLayer(scope, s)), signal);
}

async function nationalLayer(signal: AbortSignal): Promise<MapLayer> {
  const [communes, outlines] = await Promise.all([topology(GEO_FILES.national, signal), topology(GEO_FILES.outlines, signal)]);
  const layer = decodeLayer(communes);
  const borders = decodeLayer(outlines, GEO_OBJECTS.departements).features.map((f) => f.geometry);
  return {
    features: layer.features,
    borders,
    national: true,
    drawing: drawingIndex(layer),
    names: cityNames(await manifest(signal)),
    outline: (codes) => [outlineOfFeatures(communes, codes)],
  };
}

async function departementsLayer(scope: Exclude<Scope, { level: 'france' }>, signal: AbortSignal): Promise<MapLayer> {
  const files = await manifest(signal);
  const codes = scope.level === 'departement' ? [scope.code] : departementsOfRegion(scope.code).map((d) => d.code);
  const shipped = codes.filter((code) => files.departements.includes(code));
  if (shipped.length === 0) throw new Error('aucun contour de commune n’est livré pour ce territoire');
  const parts = await Promise.all(shipped.map((code) => topology(GEO_FILES.departement(code), signal)));
  const features: CommuneFeature[] = [];
  for (const part of parts) for (const f of decodeLayer(part).features) features.push(f);
  const collection = { type: 'FeatureCollection' as const, features };
  return {
    features,
    borders: parts.map((part) => outlineOf(part)),
    national: false,
    drawing: drawingIndex(collection),
    names: new Map([...cityNames(files), ...features.filter((f) => f.properties.nom).map((f) => [f.id, f.properties.nom!] as const)]),
    outline: (wanted) => parts.map((part) => outlineOfFeatures(part, wanted)).filter((g) => g.coordinates.length > 0),
  };
}

/** Lyon, Marseille and their arrondissements, which have no contour of their own (« Lyon 3e arrondissement »). */
function cityNames(files: GeoManifest): Map<string, string> {
  const names = new Map<string, string>();
  for (const city of files.cities) {
    names.set(city.code, city.name);
    city.arrondissements.forEach((code, i) => names.set(code, `${city.name} ${i === 0 ? '1er' : `${i + 1}e`} arrondissement`));
  }
  return names;
}
