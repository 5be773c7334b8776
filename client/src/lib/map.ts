// The Carte view's state and arithmetic, pure (tested in Node): what the URL asks for, each drawn
// commune's class from the coverage answer (Lyon and Marseille as partly covered cities), the
// legend, the scale bar, the years of the slider and the rows of the table beside the map.
import { cityCoverage, departementOfCommune, type CityCoverage } from '../../../model/geo.ts';
import { plural } from '../../../model/text.ts';
import { MECHANISM_KINDS, PLACE_TYPES, type MechanismKind, type PlaceType } from '../../../model/vocabulary.ts';

export const MAP_MODES = [...MECHANISM_KINDS, 'nombre'] as const;
export type MapMode = (typeof MAP_MODES)[number];
export const MAP_MODE_LABELS: Record<MapMode, string> = {
  CLSM: 'Couverture par un CLSM',
  CLS: 'Couverture par un CLS',
  CPTS: 'Couverture par une CPTS',
  PTSM: 'Couverture par un PTSM',
  DAC: 'Couverture par un DAC',
  ASV: 'Couverture par un ASV',
  nombre: 'Nombre de dispositifs actifs',
};

export interface MapParams {
  mode: MapMode;
  /** The year shown (at 31 December; the reference date for its own year); absent: the reference date. */
  year?: number;
  commune?: string;
  mechanism?: string;
  finding?: string;
  place?: { type: PlaceType; code: string };
  theme?: string;
}

/** `#/carte?couverture=CPTS&annee=2021&commune=79270&dispositif=…&constat=…&lieu=code-postal:79400&theme=logement` */
export function mapParams(params: Readonly<Record<string, string>>): MapParams {
  const mode = (MAP_MODES as readonly string[]).includes(params.couverture ?? '') ? (params.couverture as MapMode) : 'CLSM';
  const year = /^\d{4}$/.test(params.annee ?? '') ? Number(params.annee) : undefined;
  return {
    mode,
    ...(year !== undefined ? { year } : {}),
    ...(params.commune ? { commune: params.commune } : {}),
    ...(params.dispositif ? { mechanism: params.dispositif } : {}),
    ...(params.constat ? { finding: params.constat } : {}),
    ...(parsePlace(params.lieu) ? { place: parsePlace(params.lieu)! } : {}),
    ...(params.theme ? { theme: params.theme } : {}),
  };
}

/** « code-postal:79400 » → { type, code }; anything else → undefined. */
export function parsePlace(value: string | undefined): { type: PlaceType; code: string } | undefined {
  if (!value) return undefined;
  const at = value.indexOf(':');
  const [type, code] = [value.slice(0, at), value.slice(at + 1)];
  return at > 0 && code && (PLACE_TYPES as readonly string[]).includes(type) ? { type: type as PlaceType, code } : undefined;
}

/** The years of the slider: from the first the data knows to the reference date's, each at 31 December but the last (docs/indicateurs.md, « Par année »). */
export function sliderYears(firstYear: number, asOf: string): { year: number; asOf: string }[] {
  const last = Number(asOf.slice(0, 4));
  const years: { year: number; asOf: string }[] = [];
  for (let year = Math.min(firstYear, last); year <= last; year++) years.push({ year, asOf: year === last ? asOf : `${String(year).padStart(4, '0')}-12-31` });
  return years;
}

/** The date a year of the slider stands for. */
export function yearDate(year: number | undefined, asOf: string): string {
  if (year === undefined || year >= Number(asOf.slice(0, 4))) return asOf;
  return `${String(year).padStart(4, '0')}-12-31`;
}

// ---------------------------------------------------------------------------------------------
// Classes and colours

export type ClassKey = 'covered' | 'uncovered' | 'partial' | 'count0' | 'count1' | 'count2' | 'count3' | 'count5' | 'noData';

/** What the map draws for each count of mechanisms: 0, 1, 2, 3–4, 5 and more. */
export const COUNT_CLASSES: readonly { key: ClassKey; min: number; label: string }[] = [
  { key: 'count0', min: 0, label: 'Aucun dispositif actif' },
  { key: 'count1', min: 1, label: '1 dispositif' },
  { key: 'count2', min: 2, label: '2 dispositifs' },
  { key: 'count3', min: 3, label: '3 ou 4 dispositifs' },
  { key: 'count5', min: 5, label: '5 dispositifs ou plus' },
];

export function countClass(n: number): ClassKey {
  let key: ClassKey = 'count0';
  for (const c of COUNT_CLASSES) if (n >= c.min) key = c.key;
  return key;
}

/** The parts of the coverage answer the map reads. */
export interface CoverageData {
  asOf: string;
  communes: readonly string[];
  populations: readonly number[];
  counts: Record<MechanismKind, readonly number[]>;
  mechanisms: readonly number[];
}

export class CoverageIndex {
  private readonly position: Map<string, number>;
  constructor(readonly data: CoverageData) {
    this.position = new Map(data.communes.map((code, i) => [code, i]));
  }
  has(code: string): boolean {
    return this.position.has(code);
  }
  /** Active mechanisms of the mode's kind (or of any kind) on a base commune; undefined outside the territory. */
  count(code: string, mode: MapMode): number | undefined {
    const at = this.position.get(code);
    if (at === undefined) return undefined;
    return mode === 'nombre' ? this.data.mechanisms[at] : this.data.counts[mode][at];
  }
  population(code: string): number {
    const at = this.position.get(code);
    return at === undefined ? 0 : this.data.populations[at];
  }
}

export interface FeatureValue {
  key: ClassKey;
  /** Mechanisms of the mode on it (for a city drawn whole: the most on one of its arrondissements). */
  count: number;
  /** No active CLSM: a zone blanche (docs/indicateurs.md). */
  zoneBlanche: boolean;
  /** Lyon and Marseille: how much of the city is covered, from its arrondissements. */
  city?: CityCoverage;
}

/** The value of each drawn feature (a commune, an arrondissement of Paris, Lyon or Marseille whole). */
export function featureValues(features: readonly { id: string; properties: { arrondissements?: readonly string[] } }[], index: CoverageIndex, mode: MapMode): Map<string, FeatureValue> {
  const values = new Map<string, FeatureValue>();
  const kind: MechanismKind = mode === 'nombre' ? 'CLSM' : mode;
  const population = (code: string) => index.population(code);
  for (const f of features) {
    const arrondissements = f.properties.arrondissements;
    if (arrondissements?.length) {
      if (!arrondissements.some((a) => index.has(a))) continue;
      const covered = (code: string) => (index.count(code, kind) ?? 0) > 0;
      const city = cityCoverage(f.id, arrondissements, covered, population);
      const clsm = cityCoverage(f.id, arrondissements, (code) => (index.count(code, 'CLSM') ?? 0) > 0, population);
      const count = Math.max(...arrondissements.map((a) => index.count(a, mode) ?? 0));
      const key = mode === 'nombre' ? countClass(count) : city.state === 'full' ? 'covered' : city.state === 'none' ? 'uncovered' : 'partial';
      values.set(f.id, { key, count, zoneBlanche: clsm.state === 'none', city });
      continue;
    }
    const count = index.count(f.id, mode);
    if (count === undefined) continue;
    const key = mode === 'nombre' ? countClass(count) : count > 0 ? 'covered' : 'uncovered';
    values.set(f.id, { key, count, zoneBlanche: (index.count(f.id, 'CLSM') ?? 0) === 0 });
  }
  return values;
}

export interface LegendEntry {
  key: ClassKey;
  label: string;
  communes: number;
  population: number;
}

/** The legend: each class with its communes and population, counted on base communes (as the indicators count). */
export function legendEntries(index: CoverageIndex, mode: MapMode): LegendEntry[] {
  const { data } = index;
  const entries: LegendEntry[] =
    mode === 'nombre'
      ? COUNT_CLASSES.map((c) => ({ key: c.key, label: c.label, communes: 0, population: 0 }))
      : [
          { key: 'covered', label: `Couvertes par au moins ${activeOne(mode)}`, communes: 0, population: 0 },
          { key: 'uncovered', label: mode === 'CLSM' ? 'Zones blanches (sans CLSM actif)' : `Sans ${activeOne(mode).replace(/^une? /, '')}`, communes: 0, population: 0 },
        ];
  const byKey = new Map(entries.map((e) => [e.key, e]));
  data.communes.forEach((code, i) => {
    const count = index.count(code, mode)!;
    const entry = byKey.get(mode === 'nombre' ? countClass(count) : count > 0 ? 'covered' : 'uncovered')!;
    entry.communes++;
    entry.population += data.populations[i];
  });
  return entries;
}

/** « un CLSM actif », « une CPTS active ». */
export function activeOne(kind: MechanismKind): string {
  return kind === 'CPTS' ? 'une CPTS active' : `un ${kind} actif`;
}

/** A scale bar at most `maxPx` wide: a round distance (1, 2 or 5 × 10ⁿ metres) and its length in pixels. */
export function scaleBar(metresPerPixel: number, maxPx = 120): { px: number; label: string } {
  if (!(metresPerPixel > 0) || !Number.isFinite(metresPerPixel)) return { px: 0, label: '' };
  const most = metresPerPixel * maxPx;
  let best = 1;
  for (let power = 1; power <= 1e7; power *= 10) for (const step of [1, 2, 5]) if (step * power <= most) best = step * power;
  const label = best >= 1000 ? `${best / 1000} km` : `${best} m`;
  return { px: Math.round(best / metresPerPixel), label };
}

/** Metres per screen pixel at a latitude, for a projection of `pxPerDegree` pixels per Mercator degree. */
export function metresPerPixel(pxPerDegree: number, latitude: number): number {
  return (111_320 * Math.cos((latitude * Math.PI) / 180)) / pxPerDegree;
}

// ---------------------------------------------------------------------------------------------
// The table beside the map

export interface CommuneRow {
  code: string;
  name: string;
  population: number;
  counts: Record<MechanismKind, number>;
  mechanisms: number;
  /** Covered by the mode's kind (any mechanism in count mode). */
  covered: boolean;
  zoneBlanche: boolean;
}

/** One row per base commune, the most populated first. */
export function communeRows(index: CoverageIndex, mode: MapMode, nameOf: (code: string) => string): CommuneRow[] {
  const { data } = index;
  const rows = data.communes.map((code, i) => {
    const counts = {} as Record<MechanismKind, number>;
    for (const k of MECHANISM_KINDS) counts[k] = data.counts[k][i];
    return { code, name: nameOf(code), population: data.populations[i], counts, mechanisms: data.mechanisms[i], covered: (index.count(code, mode) ?? 0) > 0, zoneBlanche: counts.CLSM === 0 };
  });
  return rows.sort((a, b) => b.population - a.population || a.code.localeCompare(b.code));
}

export interface DepartementRow {
  code: string;
  communes: number;
  population: number;
  coveredPopulation: number;
  uncoveredCommunes: number;
  uncoveredPopulation: number;
}

/** One row per département (France and région maps), in code order. */
export function departementRows(index: CoverageIndex, mode: MapMode): DepartementRow[] {
  const rows = new Map<string, DepartementRow>();
  index.data.communes.forEach((code, i) => {
    const d = departementOfCommune(code);
    let row = rows.get(d);
    if (!row) rows.set(d, (row = { code: d, communes: 0, population: 0, coveredPopulation: 0, uncoveredCommunes: 0, uncoveredPopulation: 0 }));
    const population = index.data.populations[i];
    row.communes++;
    row.population += population;
    if ((index.count(code, mode) ?? 0) > 0) row.coveredPopulation += population;
    else {
      row.uncoveredCommunes++;
      row.uncoveredPopulation += population;
    }
  });
  return [...rows.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** « 3 communes, 12 000 habitants ». */
export function communesAndPeople(communes: number, population: number): string {
  return `${plural(communes, 'commune')}, ${plural(Math.round(population), 'habitant')}`;
}
