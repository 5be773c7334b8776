// Geography for the map, the PDF report and the network's geographic layout. Pure: no DOM, no
// node:*. The contours are the TopoJSON files `npm run geo:build` writes under data/geo/ (see the
// format in docs of server/cli/geo-build.ts and the issue note): one file per département in true
// longitude/latitude, and national layers where the overseas départements sit as insets.
//
// Every geometric computation (centres, fitting, drawing) is done in Web Mercator, the projection
// the map renderer uses, so that a centre computed here lands where the map draws it.
import { feature, merge } from 'topojson-client';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { plural } from './text.ts';

// ---------------------------------------------------------------------------------------------
// Attribution and files

/** What the map and the PDF show under every drawing of the contours (French, as users read it). */
export const GEO_ATTRIBUTION =
  'Contours des communes, départements et régions : IGN – Admin Express COG 2018 (Licence Ouverte / Open Licence Etalab). ' +
  'Arrondissements de Paris : Ville de Paris (ODbL). Code officiel géographique : INSEE.';

/** The same, as separate sources, for a legend or a "Sources" section. */
export const GEO_SOURCES: readonly { label: string; licence: string; licenceUrl: string }[] = [
  { label: 'IGN – Admin Express COG 2018', licence: 'Licence Ouverte / Open Licence (Etalab)', licenceUrl: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence' },
  { label: 'Ville de Paris (arrondissements municipaux)', licence: 'ODbL', licenceUrl: 'https://opendatacommons.org/licenses/odbl/' },
];

/** Paths of the shipped files, relative to data/geo/ (and to the route that serves them). */
export const GEO_FILES = {
  manifest: 'index.json',
  /** Every base commune, simplified for the France and région zooms; overseas as insets. */
  national: 'france-communes.json',
  /** Départements and régions, overseas as insets. */
  outlines: 'france.json',
  /** One département's communes, in true coordinates, for the département zoom. */
  departement: (code: string) => `communes/${code}.json`,
} as const;

/** Object names inside the TopoJSON files. */
export const GEO_OBJECTS = { communes: 'communes', departements: 'departements', regions: 'regions' } as const;

export const GEO_FORMAT = 'articulation-geo/1';

/** data/geo/index.json, written by the build. */
export interface GeoManifest {
  format: typeof GEO_FORMAT;
  attribution: string;
  /**
   * Every shipped file, sorted by path: `path` is its name in GEO_FILES and in the URL, `file` the
   * gzip file stored under data/geo/, `bytes` the JSON size, `hash` the start of the JSON's SHA-256.
   */
  files: { path: string; file: string; bytes: number; gzipBytes: number; hash: string; features: number }[];
  /** Départements that have a commune file, sorted. */
  departements: string[];
  /** Base communes of the COG with no polygon of their own, and why. */
  missing: { code: string; name: string; departement: string; reason: string }[];
  /** Lyon and Marseille: drawn as the whole city, with their arrondissements listed. */
  cities: { code: string; name: string; arrondissements: string[] }[];
}

// ---------------------------------------------------------------------------------------------
// Decoding

export type LonLat = [number, number];
/** [west, south, east, north] in degrees. */
export type BBox = [number, number, number, number];

export interface CommuneProperties {
  /** INSEE code of the base commune (an arrondissement for Paris), or of Lyon / Marseille as a whole. */
  code: string;
  /** Name (département files only; the national layer carries no names, to stay small). */
  nom?: string;
  /** Lyon (69123) and Marseille (13055): their arrondissements, which have no polygon of their own. */
  arrondissements?: string[];
}
export type GeoGeometry = Polygon | MultiPolygon;
export type CommuneFeature = Feature<GeoGeometry, CommuneProperties> & { id: string };
/** A GeoJSON FeatureCollection whose features carry their INSEE code as `id`. */
export interface CommuneCollection {
  type: 'FeatureCollection';
  features: CommuneFeature[];
}

export type GeoTopology = Topology;

function objectOf(topology: GeoTopology, name: string): GeometryCollection {
  const object = topology.objects?.[name];
  if (!object || object.type !== 'GeometryCollection') throw new Error(`geo: no GeometryCollection « ${name} » in this file`);
  return object as GeometryCollection;
}

/**
 * A shipped file's object as GeoJSON features (GeoJSON-compatible, e.g. a MapLibre source with
 * `promoteId: 'code'`): `id` and `properties.code` are the INSEE code.
 */
export function decodeLayer(topology: GeoTopology, name: string = GEO_OBJECTS.communes): CommuneCollection {
  const object = objectOf(topology, name);
  const collection = feature(topology, object) as FeatureCollection<GeoGeometry, Record<string, unknown>>;
  const features = collection.features.map((f) => {
    const code = String(f.id);
    const properties: CommuneProperties = { ...(f.properties as Omit<CommuneProperties, 'code'>), code };
    return { type: 'Feature' as const, id: code, properties, geometry: f.geometry };
  });
  return { type: 'FeatureCollection', features };
}

/** The outline of every feature of an object dissolved into one (a département's contour from its communes). */
export function outlineOf(topology: GeoTopology, name: string = GEO_OBJECTS.communes): MultiPolygon {
  return merge(topology, objectOf(topology, name).geometries as Parameters<typeof merge>[1]);
}

/** The outline of some features of an object (a mechanism's perimeter), merged along their shared borders. */
export function outlineOfFeatures(topology: GeoTopology, codes: ReadonlySet<string>, name: string = GEO_OBJECTS.communes): MultiPolygon {
  const geometries = objectOf(topology, name).geometries.filter((g) => codes.has(String(g.id)));
  return merge(topology, geometries as Parameters<typeof merge>[1]);
}

/** Département of a commune code: 3 characters overseas (97x), else 2 (2A and 2B included). */
export function departementOfCommune(code: string): string {
  return code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2);
}

/**
 * Which feature draws each base commune: itself, or, for an arrondissement of Lyon or Marseille
 * (no polygon of its own), the whole city. Paris's arrondissements have their own polygons.
 */
export function drawingIndex(collection: CommuneCollection): Map<string, string> {
  const index = new Map<string, string>();
  for (const f of collection.features) {
    index.set(f.id, f.id);
    for (const a of f.properties.arrondissements ?? []) index.set(a, f.id);
  }
  return index;
}

// ---------------------------------------------------------------------------------------------
// Web Mercator, in degrees (x = longitude; y grows northwards, equal to latitude near the equator)

const RAD = Math.PI / 180;
export function mercator([lon, lat]: readonly number[]): [number, number] {
  return [lon, Math.log(Math.tan(Math.PI / 4 + (lat * RAD) / 2)) / RAD];
}
export function inverseMercator([x, y]: readonly number[]): LonLat {
  return [x, (2 * Math.atan(Math.exp(y * RAD)) - Math.PI / 2) / RAD];
}

// ---------------------------------------------------------------------------------------------
// Overseas insets: where the national layers draw the five overseas départements

export interface Inset {
  departement: string;
  /** Where the département really is (its bounding box, lon/lat). */
  source: BBox;
  /** The box it is drawn in on the national layers, in the empty sea and land west of the Pyrenees. */
  frame: BBox;
}

/**
 * Each overseas département is scaled uniformly in Web Mercator to fit its frame, centred in it:
 * x' = (x − cx) · k + fx, y' = (y − cy) · k + fy, where (cx, cy) and (fx, fy) are the Mercator
 * centres of source and frame and k = 0.92 × the largest scale that fits (a 4 % margin on each
 * side). So shapes keep their proportions
 * under the map's projection; each inset has its own scale (a scale bar holds for mainland only).
 */
export const OVERSEAS_INSETS: readonly Inset[] = [
  { departement: '971', source: [-61.81, 15.83, -61.0, 16.52], frame: [-5.9, 45.35, -4.1, 46.75] },
  { departement: '972', source: [-61.23, 14.38, -60.8, 14.88], frame: [-3.9, 45.35, -2.7, 46.75] },
  { departement: '973', source: [-54.61, 2.11, -51.61, 5.75], frame: [-5.9, 43.4, -4.1, 45.15] },
  { departement: '974', source: [55.21, -21.39, 55.84, -20.87], frame: [-3.9, 43.9, -2.7, 45.15] },
  { departement: '976', source: [45.01, -13.01, 45.31, -12.63], frame: [-3.9, 42.5, -2.7, 43.7] },
];

const INSET_BY_DEPARTEMENT = new Map(OVERSEAS_INSETS.map((inset) => [inset.departement, inset]));

const INSET_FILL = 0.92;

export interface InsetTransform {
  scale: number;
  /** Mercator centre of the source box. */
  from: [number, number];
  /** Mercator centre of the frame. */
  to: [number, number];
}

export function insetTransform(inset: Inset): InsetTransform {
  const [sw, ss] = mercator([inset.source[0], inset.source[1]]);
  const [se, sn] = mercator([inset.source[2], inset.source[3]]);
  const [fw, fs] = mercator([inset.frame[0], inset.frame[1]]);
  const [fe, fn] = mercator([inset.frame[2], inset.frame[3]]);
  const scale = INSET_FILL * Math.min((fe - fw) / (se - sw), (fn - fs) / (sn - ss));
  return { scale, from: [(sw + se) / 2, (ss + sn) / 2], to: [(fw + fe) / 2, (fs + fn) / 2] };
}

const TRANSFORMS = new Map(OVERSEAS_INSETS.map((inset) => [inset.departement, insetTransform(inset)]));

/**
 * Where a true position of a département is drawn on the national layers (france-communes.json,
 * france.json): unchanged for mainland France and Corsica, moved into the inset overseas.
 * Use it for anything placed over a national layer (labels, a mechanism's centre).
 */
export function toNationalPosition(departement: string, position: readonly number[]): LonLat {
  const t = TRANSFORMS.get(departement);
  if (!t) return [position[0], position[1]];
  const [x, y] = mercator(position);
  return inverseMercator([(x - t.from[0]) * t.scale + t.to[0], (y - t.from[1]) * t.scale + t.to[1]]);
}

/** The inverse of toNationalPosition. */
export function fromNationalPosition(departement: string, position: readonly number[]): LonLat {
  const t = TRANSFORMS.get(departement);
  if (!t) return [position[0], position[1]];
  const [x, y] = mercator(position);
  return inverseMercator([(x - t.to[0]) / t.scale + t.from[0], (y - t.to[1]) / t.scale + t.from[1]]);
}

export function isOverseas(departement: string): boolean {
  return INSET_BY_DEPARTEMENT.has(departement);
}

// ---------------------------------------------------------------------------------------------
// Centres

function polygonsOf(geometry: GeoGeometry): number[][][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/**
 * Area-weighted centroid of a polygon or multipolygon (holes subtracted), computed in Mercator:
 * the centre of mass as the map draws it. Falls back to the mean of the vertices for a shape of no area.
 */
export function geometryCentre(geometry: GeoGeometry): LonLat {
  let area = 0;
  let cx = 0;
  let cy = 0;
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      // The shoelace formula; a hole runs the other way, so its area counts negatively.
      let [px, py] = mercator(ring[ring.length - 1]);
      for (const point of ring) {
        const [x, y] = mercator(point);
        const cross = px * y - x * py;
        area += cross;
        cx += (px + x) * cross;
        cy += (py + y) * cross;
        sx += x;
        sy += y;
        n++;
        [px, py] = [x, y];
      }
    }
  }
  if (Math.abs(area) < 1e-12) return n ? inverseMercator([sx / n, sy / n]) : [NaN, NaN];
  return inverseMercator([cx / (3 * area), cy / (3 * area)]);
}

/**
 * The centre of every feature, plus Lyon's and Marseille's arrondissements at their city's centre
 * (they have no polygon of their own). In the layer's coordinates: true ones for a département
 * file, inset ones for the national layer.
 */
export function featureCentres(collection: CommuneCollection): Map<string, LonLat> {
  const centres = new Map<string, LonLat>();
  for (const f of collection.features) {
    const centre = geometryCentre(f.geometry);
    centres.set(f.id, centre);
    for (const a of f.properties.arrondissements ?? []) centres.set(a, centre);
  }
  return centres;
}

export interface WeightedCentre {
  /** Undefined when none of the communes has a known centre. */
  centre: LonLat | undefined;
  /** Communes placed (with a centre). */
  located: number;
  /** Communes with no centre in the layer given (outside it, or without a polygon). */
  missing: string[];
}

/**
 * Population-weighted centre of a set of communes (for the network's "géographique" layout: each
 * mechanism at its perimeter's centre). Averaged in Mercator. Communes of no population weigh as
 * much as each other when the whole set has none.
 */
export function populationWeightedCentre(
  codes: Iterable<string>,
  centres: ReadonlyMap<string, LonLat>,
  populationOf: (code: string) => number,
): WeightedCentre {
  let weight = 0;
  let x = 0;
  let y = 0;
  let plainX = 0;
  let plainY = 0;
  let located = 0;
  const missing: string[] = [];
  for (const code of codes) {
    const centre = centres.get(code);
    if (!centre) {
      missing.push(code);
      continue;
    }
    const [mx, my] = mercator(centre);
    const w = Math.max(0, populationOf(code) || 0);
    weight += w;
    x += w * mx;
    y += w * my;
    plainX += mx;
    plainY += my;
    located++;
  }
  if (!located) return { centre: undefined, located, missing };
  const centre = weight > 0 ? inverseMercator([x / weight, y / weight]) : inverseMercator([plainX / located, plainY / located]);
  return { centre, located, missing };
}

// ---------------------------------------------------------------------------------------------
// Lyon and Marseille: an honest fallback for arrondissements without a contour

export interface CityCoverage {
  /** 69123 or 13055. */
  city: string;
  covered: number;
  total: number;
  population: number;
  coveredPopulation: number;
  /** Covered share of the city's population, 0..1 (0 when the population is unknown). */
  share: number;
  state: 'none' | 'partial' | 'full';
  /** « 3 arrondissements sur 9 (34 % de la population) ». */
  label: string;
}

/**
 * How much of a city drawn as one polygon is covered, from its arrondissements: never colour
 * Lyon as covered because one of its nine arrondissements has a CLSM.
 */
export function cityCoverage(
  city: string,
  arrondissements: readonly string[],
  isCovered: (code: string) => boolean,
  populationOf: (code: string) => number,
): CityCoverage {
  let covered = 0;
  let population = 0;
  let coveredPopulation = 0;
  for (const code of arrondissements) {
    const inhabitants = Math.max(0, populationOf(code) || 0);
    population += inhabitants;
    if (isCovered(code)) {
      covered++;
      coveredPopulation += inhabitants;
    }
  }
  const total = arrondissements.length;
  const share = population > 0 ? coveredPopulation / population : 0;
  const state = covered === 0 ? 'none' : covered === total ? 'full' : 'partial';
  const percent = Math.round(share * 100);
  const label = `${plural(covered, 'arrondissement')} sur ${total}${population > 0 ? ` (${percent} % de la population)` : ''}`;
  return { city, covered, total, population, coveredPopulation, share, state, label };
}

// ---------------------------------------------------------------------------------------------
// Drawing without a browser map library (the PDF report, a static SVG)

export function boundsOf(collection: { features: readonly { geometry: GeoGeometry }[] }): BBox {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of collection.features) {
    for (const polygon of polygonsOf(f.geometry)) {
      for (const ring of polygon) {
        for (const [lon, lat] of ring) {
          if (lon < box[0]) box[0] = lon;
          if (lat < box[1]) box[1] = lat;
          if (lon > box[2]) box[2] = lon;
          if (lat > box[3]) box[3] = lat;
        }
      }
    }
  }
  return box;
}

export interface Projection {
  width: number;
  height: number;
  /** Pixels per Mercator degree. */
  scale: number;
  /** Longitude/latitude → SVG pixels (y downwards). */
  project(position: readonly number[]): [number, number];
  /** Pixels → longitude/latitude (what a click on the map points at). */
  invert(point: readonly number[]): LonLat;
}

/** A Mercator projection that fits a box into width × height pixels with a margin (height from the box's shape when omitted). */
export function fitProjection(bounds: BBox, width: number, height?: number, padding = 0): Projection {
  const [x0, y0] = mercator([bounds[0], bounds[1]]);
  const [x1, y1] = mercator([bounds[2], bounds[3]]);
  const spanX = Math.max(x1 - x0, 1e-9);
  const spanY = Math.max(y1 - y0, 1e-9);
  const innerWidth = Math.max(1, width - 2 * padding);
  const h = height ?? Math.round((innerWidth * spanY) / spanX + 2 * padding);
  const innerHeight = Math.max(1, h - 2 * padding);
  const scale = Math.min(innerWidth / spanX, innerHeight / spanY);
  // Centre the drawing in the leftover space.
  const offsetX = padding + (innerWidth - spanX * scale) / 2;
  const offsetY = padding + (innerHeight - spanY * scale) / 2;
  return {
    width,
    height: h,
    scale,
    project(position) {
      const [x, y] = mercator(position);
      return [offsetX + (x - x0) * scale, offsetY + (y1 - y) * scale];
    },
    invert([px, py]) {
      return inverseMercator([x0 + (px - offsetX) / scale, y1 - (py - offsetY) / scale]);
    },
  };
}

/** SVG path data of a polygon or multipolygon, rounded to `decimals`, repeated points dropped. */
export function svgPath(geometry: GeoGeometry, projection: Projection, decimals = 1): string {
  const factor = 10 ** decimals;
  const round = (v: number) => Math.round(v * factor) / factor;
  const parts: string[] = [];
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      let last = '';
      let count = 0;
      const commands: string[] = [];
      for (const point of ring) {
        const [x, y] = projection.project(point);
        const xy = `${round(x)} ${round(y)}`;
        if (xy === last) continue;
        commands.push(`${count === 0 ? 'M' : 'L'}${xy}`);
        last = xy;
        count++;
      }
      if (count >= 3) parts.push(`${commands.join('')}Z`);
    }
  }
  return parts.join('');
}

export interface SvgMapPath {
  code: string;
  name?: string;
  d: string;
  fill: string;
  arrondissements?: string[];
}

export interface SvgMap {
  width: number;
  height: number;
  viewBox: string;
  bounds: BBox;
  projection: Projection;
  paths: SvgMapPath[];
}

export interface SvgMapOptions<V> {
  width: number;
  /** Default: from the shape of the territory. */
  height?: number;
  padding?: number;
  /** Value of each feature (by its code: a commune, an arrondissement of Paris, Lyon or Marseille as a whole). */
  values?: ReadonlyMap<string, V>;
  /** Colour of a feature from its value (undefined when the map has none for it). */
  fill: (value: V | undefined, feature: CommuneFeature) => string;
  /** Decimals of the path coordinates (default 1). */
  decimals?: number;
}

/**
 * A département's communes (or any layer) as SVG paths coloured by a value per commune, fitted to
 * the given width: what a PDF writer needs to draw the map with no browser. Lyon's and Marseille's
 * paths carry their arrondissements so the writer can hatch a partly covered city (cityCoverage).
 */
export function svgMap<V>(collection: CommuneCollection, options: SvgMapOptions<V>): SvgMap {
  const bounds = boundsOf(collection);
  const projection = fitProjection(bounds, options.width, options.height, options.padding ?? 0);
  const paths: SvgMapPath[] = [];
  for (const f of collection.features) {
    const d = svgPath(f.geometry, projection, options.decimals ?? 1);
    if (!d) continue;
    const path: SvgMapPath = { code: f.id, d, fill: options.fill(options.values?.get(f.id), f) };
    if (f.properties.nom) path.name = f.properties.nom;
    if (f.properties.arrondissements) path.arrondissements = f.properties.arrondissements;
    paths.push(path);
  }
  return { width: projection.width, height: projection.height, viewBox: `0 0 ${projection.width} ${projection.height}`, bounds, projection, paths };
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A standalone SVG document of an svgMap (titles per commune, the attribution at the bottom). */
export function svgDocument(map: SvgMap, options: { title: string; stroke?: string; strokeWidth?: number; attribution?: string }): string {
  const stroke = options.stroke ?? '#ffffff';
  const strokeWidth = options.strokeWidth ?? 0.5;
  const lines = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${map.viewBox}" width="${map.width}" height="${map.height}" role="img">`,
    `<title>${escapeXml(options.title)}</title>`,
    `<g stroke="${escapeXml(stroke)}" stroke-width="${strokeWidth}" stroke-linejoin="round">`,
  ];
  for (const p of map.paths) {
    lines.push(`<path d="${p.d}" fill="${escapeXml(p.fill)}" data-code="${p.code}"><title>${escapeXml(p.name ?? p.code)}</title></path>`);
  }
  lines.push('</g>');
  const attribution = options.attribution ?? GEO_ATTRIBUTION;
  if (attribution) lines.push(`<desc>${escapeXml(attribution)}</desc>`);
  lines.push('</svg>');
  return lines.join('\n');
}
