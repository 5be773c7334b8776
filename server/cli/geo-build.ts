// `npm run geo:build [-- --source DIR --out DIR]`: turns the raw open contours of ../shared/geo
// (IGN Admin Express COG 2018 communes, départements, régions; Ville de Paris arrondissements) into
// the simplified TopoJSON files the product ships under data/geo/ (a fresh clone has no
// ../shared: the output is committed). Deterministic: the same input gives the same bytes.
//
// Output (see model/geo.ts for the API that reads it, and the issue note for the full format):
//   communes/DD.json      one département's base communes, true lon/lat, object "communes"
//   france-communes.json  every base commune, coarser, overseas as insets, object "communes"
//   france.json           départements and régions, overseas as insets, objects "departements", "regions"
//   index.json            manifest: files (bytes, hash, features), départements, missing communes, cities
//
// Steps: each 2018 polygon is read as today's commune (its own code if still current, else the
// chef-lieu of the delegated or associated commune it became, else the current commune that lists
// it among its anciensCodes); the polygons of one current commune are dissolved along their
// shared arcs (topojson mergeArcs); Paris (75056) is replaced by its 20 arrondissements; Lyon and
// Marseille stay whole cities carrying the list of their arrondissements. Then each file gets its
// own topology, Visvalingam simplification (weights in km², small islands kept as triangles at
// least) and quantisation.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, strToU8 } from 'fflate';
import type { Feature, FeatureCollection, GeoJsonProperties, MultiPolygon, Polygon, Position } from 'geojson';
import { feature as topoFeature, mergeArcs, quantize } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import {
  GEO_ATTRIBUTION,
  GEO_FILES,
  GEO_FORMAT,
  GEO_OBJECTS,
  OVERSEAS_INSETS,
  departementOfCommune,
  toNationalPosition,
  type GeoManifest,
} from '../../model/geo.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

/** Simplification and quantisation of each kind of file (weights: triangle areas in km²). */
export const GEO_LEVELS = {
  /** Département zoom (and the PDF): the source is already simplified; drop only what no screen shows. */
  departement: { minWeightKm2: 0.0005, stepDegrees: 0.00005 },
  /** France and région zooms: a quarter of a km², about a pixel at a région's scale. */
  national: { minWeightKm2: 0.25, stepDegrees: 0.001 },
  /** Département and région outlines over the national layer. */
  outlines: { minWeightKm2: 0.25, stepDegrees: 0.001 },
} as const;

type Geometry = Polygon | MultiPolygon;
type Props = { code: string; nom: string; arrondissements?: string[] };
type SourceFeature = Feature<Geometry, Record<string, unknown>>;

interface CogCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  population?: number;
  anciensCodes?: string[];
  chefLieu?: string;
  commune?: string;
}

/** Known exceptions (../shared/geo/README.md): communes re-created since 2018, and the overseas collectivities. */
const RECREATED_SINCE_2018 = new Set(['14666', '15031', '15035', '15047', '15171', '85165', '85212']);

export function missingReason(code: string): string | undefined {
  if (RECREATED_SINCE_2018.has(code)) return 'commune rétablie depuis 2018 : son territoire est dessiné avec la commune dont elle a été détachée';
  if (/^9(7[5-8]|8)/.test(code)) return 'collectivité d’outre-mer sans ARS : pas de contour dans la source';
  return undefined;
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

export function readCog(): CogCommune[] {
  return readJson<CogCommune[]>(require.resolve('@etalab/decoupage-administratif/data/communes.json'));
}

/** The current commune each code of 2018 has become (undefined: unknown to today's COG). */
export function currentCodeResolver(cog: readonly CogCommune[]): (code2018: string) => string | undefined {
  const current = new Set(cog.filter((c) => c.type === 'commune-actuelle').map((c) => c.code));
  const formerly = new Map<string, string>();
  for (const c of cog) if (c.type === 'commune-actuelle') for (const old of c.anciensCodes ?? []) formerly.set(old, c.code);
  const chefLieu = new Map<string, string>();
  for (const c of cog) if ((c.type === 'commune-deleguee' || c.type === 'commune-associee') && c.chefLieu) chefLieu.set(c.code, c.chefLieu);
  // A current delegated or associated commune's chef-lieu is today's status; anciensCodes is history
  // (two codes disagree: 55273 and 60455), and TerritoryIndex reads old codes through chefLieu too.
  return (code) => (current.has(code) ? code : (chefLieu.get(code) ?? formerly.get(code)));
}

const round5 = (v: number) => Math.round(v * 1e5) / 1e5;

function mapPositions(geometry: Geometry, fn: (p: Position) => Position): Geometry {
  if (geometry.type === 'Polygon') return { type: 'Polygon', coordinates: geometry.coordinates.map((ring) => ring.map(fn)) };
  return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((poly) => poly.map((ring) => ring.map(fn))) };
}

function byCode<T extends { properties: { code: string } }>(a: T, b: T): number {
  return a.properties.code < b.properties.code ? -1 : a.properties.code > b.properties.code ? 1 : 0;
}

interface Source {
  communes2018: SourceFeature[];
  paris: SourceFeature[];
  departements: SourceFeature[];
  regions: SourceFeature[];
}

export function readSource(dir: string): Source {
  const communeDir = join(dir, 'communes');
  const communes2018: SourceFeature[] = [];
  for (const file of readdirSync(communeDir).filter((f) => f.endsWith('.geojson')).sort()) {
    for (const f of readJson<FeatureCollection<Geometry>>(join(communeDir, file)).features) communes2018.push(f as SourceFeature);
  }
  return {
    communes2018,
    paris: readJson<FeatureCollection<Geometry>>(join(dir, 'arrondissements', 'paris.geojson')).features as SourceFeature[],
    departements: readJson<FeatureCollection<Geometry>>(join(dir, 'departements.geojson')).features as SourceFeature[],
    regions: readJson<FeatureCollection<Geometry>>(join(dir, 'regions.geojson')).features as SourceFeature[],
  };
}

export interface TodayCommunes {
  /** Base communes with a polygon (Paris arrondissements; Lyon and Marseille whole), sorted by code. */
  features: Feature<Geometry, Props>[];
  /** Current département of each feature. */
  departementOf: Map<string, string>;
}

/** Today's communes from the 2018 polygons: resolve codes, dissolve merged communes, split Paris. */
export function todayCommunes(source: Source, cog: readonly CogCommune[]): TodayCommunes {
  const resolveCode = currentCodeResolver(cog);
  const info = new Map(cog.filter((c) => c.type === 'commune-actuelle' || c.type === 'arrondissement-municipal').map((c) => [c.code, c]));
  const groups = new Map<string, SourceFeature[]>();
  for (const f of source.communes2018) {
    const code2018 = String(f.properties.code);
    const code = resolveCode(code2018);
    if (!code) throw new Error(`code de 2018 inconnu du COG actuel : ${code2018} (${String(f.properties.nom)})`);
    if (code === '75056') continue; // replaced by its arrondissements
    const list = groups.get(code);
    if (list) list.push(f);
    else groups.set(code, [f]);
  }
  // One topology of all merged groups so that their shared borders are the same arcs.
  const merging = [...groups].filter(([, list]) => list.length > 1);
  const mergeInput: Record<string, FeatureCollection> = {};
  merging.forEach(([, list], i) => (mergeInput[`g${i}`] = { type: 'FeatureCollection', features: list }));
  const mergeTopology = topology(mergeInput);
  const merged = new Map<string, Geometry>();
  merging.forEach(([code], i) => {
    const collection = mergeTopology.objects[`g${i}`] as GeometryCollection;
    const geometry = mergeArcs(mergeTopology, collection.geometries as Parameters<typeof mergeArcs>[1]);
    merged.set(code, simplestGeometry(topoFeature(mergeTopology, geometry).geometry as Geometry));
  });

  const cities = new Map<string, string[]>();
  for (const c of cog) if (c.type === 'arrondissement-municipal' && c.commune && c.commune !== '75056') {
    const list = cities.get(c.commune) ?? [];
    list.push(c.code);
    cities.set(c.commune, list.sort());
  }

  const features: Feature<Geometry, Props>[] = [];
  const departementOf = new Map<string, string>();
  for (const [code, list] of groups) {
    const current = info.get(code)!;
    const properties: Props = { code, nom: current.nom };
    const arrondissements = cities.get(code);
    if (arrondissements) properties.arrondissements = arrondissements;
    features.push({ type: 'Feature', properties, geometry: merged.get(code) ?? list[0].geometry });
    departementOf.set(code, current.departement ?? departementOfCommune(code));
  }
  for (const f of source.paris) {
    const code = String(f.properties.c_arinsee);
    const current = info.get(code);
    if (!current) throw new Error(`arrondissement de Paris inconnu du COG : ${code}`);
    features.push({ type: 'Feature', properties: { code, nom: current.nom }, geometry: mapPositions(f.geometry, (p) => [round5(p[0]), round5(p[1])]) });
    departementOf.set(code, '75');
  }
  features.sort(byCode);
  return { features, departementOf };
}

function simplestGeometry(geometry: Geometry): Geometry {
  return geometry.type === 'MultiPolygon' && geometry.coordinates.length === 1 ? { type: 'Polygon', coordinates: geometry.coordinates[0] } : geometry;
}

// ---------------------------------------------------------------------------------------------
// Simplification and writing

const KM_PER_DEGREE = 111.32;

/** Triangle area in km² (longitudes shortened by the cosine of the latitude). */
function triangleAreaKm2(triangle: number[][]): number {
  const k = Math.cos(((triangle[0][1] + triangle[1][1] + triangle[2][1]) / 3) * (Math.PI / 180));
  const [a, b, c] = triangle;
  return Math.abs((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])) * k * KM_PER_DEGREE * KM_PER_DEGREE * 0.5;
}

/**
 * Keep every ring a polygon: a ring made of one arc keeps its two heaviest inner points, a ring of
 * two arcs one point of each (arc ends are always kept), so a small island commune never vanishes.
 */
function protectSmallRings(topo: Topology): void {
  const arcs = topo.arcs as unknown as number[][][];
  const keep = (index: number, count: number) => {
    const arc = arcs[index < 0 ? ~index : index];
    const inner = arc.slice(1, -1).sort((p, q) => q[2] - p[2]);
    for (const point of inner.slice(0, count)) point[2] = Infinity;
  };
  const ring = (indexes: number[]) => {
    if (indexes.length === 1) keep(indexes[0], 2);
    else if (indexes.length === 2) for (const i of indexes) keep(i, 1);
  };
  const visit = (g: GeometryObject<GeoJsonProperties>) => {
    if (g.type === 'GeometryCollection') g.geometries.forEach(visit);
    else if (g.type === 'Polygon') g.arcs.forEach(ring);
    else if (g.type === 'MultiPolygon') g.arcs.forEach((polygon) => polygon.forEach(ring));
  };
  for (const object of Object.values(topo.objects)) visit(object);
}

type Level = { minWeightKm2: number; stepDegrees: number };

/** One TopoJSON file: topology, simplification, quantisation on a fixed grid of `stepDegrees`. */
export function encodeTopology(objects: Record<string, Feature<Geometry, Record<string, unknown>>[]>, level: Level): Topology {
  const input: Record<string, FeatureCollection> = {};
  for (const [name, features] of Object.entries(objects)) {
    input[name] = {
      type: 'FeatureCollection',
      // The code becomes the TopoJSON id; the remaining properties stay.
      features: features.map((f) => {
        const { code, ...rest } = f.properties as { code: string };
        return { type: 'Feature', id: code, properties: Object.keys(rest).length ? rest : null, geometry: f.geometry } as Feature;
      }),
    };
  }
  const raw = topology(input);
  const weighted = presimplify(raw as Parameters<typeof presimplify>[0], triangleAreaKm2 as Parameters<typeof presimplify>[1]);
  protectSmallRings(weighted);
  const simplified = simplify(weighted, level.minWeightKm2);
  const [x0, y0] = [Math.floor(raw.bbox![0] / level.stepDegrees) * level.stepDegrees, Math.floor(raw.bbox![1] / level.stepDegrees) * level.stepDegrees];
  const quantized = quantize(simplified, { scale: [level.stepDegrees, level.stepDegrees], translate: [x0, y0] });
  // properties: null is noise; bbox rounded so the bytes do not depend on the last float digit.
  for (const object of Object.values(quantized.objects)) {
    for (const g of (object as GeometryCollection).geometries) if (g.properties === null) delete g.properties;
  }
  quantized.bbox = quantized.bbox?.map((v) => Math.round(v * 1e6) / 1e6) as Topology['bbox'];
  return quantized;
}

function insetFeature<P>(f: Feature<Geometry, P>, departement: string): Feature<Geometry, P> {
  return { ...f, geometry: mapPositions(f.geometry, (p) => toNationalPosition(departement, p)) };
}

/** A shipped file: its JSON text and the gzip bytes stored on disk (and sent as they are). */
export interface GeoFile {
  text: string;
  gzip: Uint8Array;
  features: number;
}

export interface BuildResult {
  /** By logical path (GEO_FILES), without the manifest. */
  files: Map<string, GeoFile>;
  manifest: GeoManifest;
}

/** gzip level 9 with no timestamp, in pure JavaScript (fflate): the same bytes on every machine. */
export function gzipText(text: string): Uint8Array {
  return gzipSync(strToU8(text), { level: 9, mtime: 0 });
}

/** Everything the product ships, from the raw source and the COG. */
export function buildGeo(source: Source, cog: readonly CogCommune[]): BuildResult {
  const { features, departementOf } = todayCommunes(source, cog);
  const files = new Map<string, GeoFile>();
  const write = (path: string, topo: Topology, count: number) => {
    const text = JSON.stringify(topo);
    files.set(path, { text, gzip: gzipText(text), features: count });
  };

  const byDepartement = new Map<string, Feature<Geometry, Props>[]>();
  for (const f of features) {
    const dep = departementOf.get(f.properties.code)!;
    const list = byDepartement.get(dep) ?? [];
    list.push(f);
    byDepartement.set(dep, list);
  }
  const departements = [...byDepartement.keys()].sort();
  for (const dep of departements) {
    const list = byDepartement.get(dep)!;
    write(GEO_FILES.departement(dep), encodeTopology({ [GEO_OBJECTS.communes]: list }, GEO_LEVELS.departement), list.length);
  }

  // National layer: no names (the département files have them), overseas moved into insets.
  const national = features.map((f) => {
    const dep = departementOf.get(f.properties.code)!;
    const properties: Record<string, unknown> = { code: f.properties.code };
    if (f.properties.arrondissements) properties.arrondissements = f.properties.arrondissements;
    return insetFeature({ ...f, properties }, dep);
  });
  write(GEO_FILES.national, encodeTopology({ [GEO_OBJECTS.communes]: national }, GEO_LEVELS.national), national.length);

  const overseasRegion = new Map<string, string>();
  const cogDepartements = readJson<{ code: string; region: string }[]>(require.resolve('@etalab/decoupage-administratif/data/departements.json'));
  for (const inset of OVERSEAS_INSETS) {
    const region = cogDepartements.find((d) => d.code === inset.departement)?.region;
    if (region) overseasRegion.set(region, inset.departement);
  }
  const outline = (list: SourceFeature[], depOf: (code: string) => string) =>
    list
      .map((f) => {
        const code = String(f.properties.code);
        return insetFeature({ type: 'Feature' as const, properties: { code, nom: String(f.properties.nom) }, geometry: f.geometry }, depOf(code));
      })
      .sort(byCode);
  const outlineDepartements = outline(source.departements, (code) => code);
  const outlineRegions = outline(source.regions, (code) => overseasRegion.get(code) ?? '');
  write(
    GEO_FILES.outlines,
    encodeTopology({ [GEO_OBJECTS.departements]: outlineDepartements, [GEO_OBJECTS.regions]: outlineRegions }, GEO_LEVELS.outlines),
    outlineDepartements.length + outlineRegions.length,
  );

  // Base communes of the COG (as TerritoryIndex defines them) with no polygon.
  const drawn = new Set<string>();
  for (const f of features) {
    drawn.add(f.properties.code);
    for (const a of f.properties.arrondissements ?? []) drawn.add(a);
  }
  const cityCodes = new Set(cog.filter((c) => c.type === 'arrondissement-municipal').map((c) => c.commune));
  const missing = cog
    .filter((c) => ((c.type === 'commune-actuelle' && !cityCodes.has(c.code)) || c.type === 'arrondissement-municipal') && !drawn.has(c.code))
    .map((c) => ({ code: c.code, name: c.nom, departement: c.departement ?? departementOfCommune(c.code), reason: missingReason(c.code) ?? 'inattendu : aucun polygone de 2018 ne lui correspond' }))
    .sort((a, b) => (a.code < b.code ? -1 : 1));

  const manifest: GeoManifest = {
    format: GEO_FORMAT,
    attribution: GEO_ATTRIBUTION,
    files: [...files]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([path, file]) => ({
        path,
        file: `${path}.gz`,
        bytes: Buffer.byteLength(file.text),
        gzipBytes: file.gzip.byteLength,
        hash: createHash('sha256').update(file.text).digest('hex').slice(0, 16),
        features: file.features,
      })),
    departements,
    missing,
    cities: features
      .filter((f) => f.properties.arrondissements)
      .map((f) => ({ code: f.properties.code, name: f.properties.nom, arrondissements: f.properties.arrondissements! })),
  };
  return { files, manifest };
}

export function manifestText(manifest: GeoManifest): string {
  return `${JSON.stringify(manifest, null, 1)}\n`;
}

/** Write the gzip files and the manifest (the output folder is emptied first: no stale file lingers). */
export function writeGeo(outDir: string, { files, manifest }: BuildResult): void {
  rmSync(outDir, { recursive: true, force: true });
  for (const entry of manifest.files) {
    mkdirSync(dirname(join(outDir, entry.file)), { recursive: true });
    writeFileSync(join(outDir, entry.file), files.get(entry.path)!.gzip);
  }
  writeFileSync(join(outDir, GEO_FILES.manifest), manifestText(manifest));
}

const kb = (n: number) => `${(n / 1024).toFixed(0).padStart(6)} Ko`;

function report(manifest: GeoManifest): string {
  const lines: string[] = [];
  const deps = manifest.files.filter((f) => f.path.startsWith('communes/'));
  for (const f of manifest.files) if (!f.path.startsWith('communes/')) lines.push(`${f.path.padEnd(24)} ${kb(f.gzipBytes)} gzip (${kb(f.bytes).trim()} en JSON), ${f.features} contours`);
  const largest = deps.reduce((max, f) => (f.gzipBytes > max.gzipBytes ? f : max), deps[0]);
  const sum = (list: typeof deps, key: 'bytes' | 'gzipBytes') => list.reduce((s, f) => s + f[key], 0);
  lines.push(
    `communes/*.json          ${kb(sum(deps, 'gzipBytes'))} gzip (${kb(sum(deps, 'bytes')).trim()} en JSON), ${deps.length} fichiers, ${deps.reduce((s, f) => s + f.features, 0)} contours ; le plus lourd : ${largest.path} (${kb(largest.gzipBytes).trim()} gzip)`,
  );
  const manifestBytes = Buffer.byteLength(manifestText(manifest));
  lines.push(`total livré              ${kb(sum(manifest.files, 'gzipBytes') + manifestBytes)} (index.json compris)`);
  lines.push(`communes sans contour : ${manifest.missing.length} (${manifest.missing.filter((m) => m.reason.startsWith('inattendu')).length} inattendues)`);
  return lines.join('\n');
}

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sourceDir = resolve(option('source', join(ROOT, '..', 'shared', 'geo')));
  const outDir = resolve(option('out', join(ROOT, 'data', 'geo')));
  let source: Source;
  try {
    source = readSource(sourceDir);
  } catch (error) {
    process.stderr.write(`Contours sources illisibles dans ${sourceDir} (--source) : ${(error as Error).message}\n`);
    process.exit(2);
  }
  const started = performance.now();
  const result = buildGeo(source, readCog());
  writeGeo(outDir, result);
  console.log(`écrit : ${outDir} en ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(report(result.manifest));
}
