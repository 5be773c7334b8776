// Places as coordinators name them — a commune (« st maixent »), an EPCI (« CA du Niortais »), a
// postal code (« 79400 », which serves eight communes) — and the one answer to « which mechanisms
// cover this place ». Pure: the territory index and the model are handed in.
import { isActiveAt, statusAt } from './dates.ts';
import type { ArticulationModel, MechanismEntry } from './graph.ts';
import { intersectSorted, placeKey, sortedUnique, type TerritoryIndex } from './territory.ts';
import { MECHANISM_KINDS, type MechanismKind, type MechanismStatus, type PlaceType } from './vocabulary.ts';

export interface PlaceHit {
  type: PlaceType;
  code: string;
  name: string;
  departements: string[];
  population: number;
  /** How many base communes it stands for (a postal code may serve several, Paris is twenty arrondissements). */
  communes: number;
  /** A postal code: the names of the first communes it serves, to tell it apart. */
  sample?: string[];
}

export interface PlaceCommune {
  code: string;
  name: string;
  population: number;
}

export interface Place {
  type: PlaceType;
  code: string;
  name: string;
  departements: string[];
  population: number;
  communes: PlaceCommune[];
}

const POSTAL_CODE = /^\d{5}$/;
const SAMPLE = 3;

/** The base communes a place stands for, sorted; undefined when the code names nothing of that type. */
export function placeCommunes(t: TerritoryIndex, type: PlaceType, code: string): Uint32Array | undefined {
  if (type === 'code-postal') {
    const served = POSTAL_CODE.test(code) ? t.communesOfPostalCode(code) : [];
    return served.length ? sortedUnique([...served]) : undefined;
  }
  if (type === 'commune' ? !t.isCommune(code) : !t.isEpci(code)) return undefined;
  return t.normalize(type === 'commune' ? { communes: [code] } : { epci: [code] }).communes;
}

/** A place and its communes (largest first), or undefined when unknown. */
export function describePlace(t: TerritoryIndex, type: PlaceType, code: string): Place | undefined {
  const members = placeCommunes(t, type, code);
  if (!members) return undefined;
  const communes = [...members].map((i) => ({ code: t.codes[i], name: t.names[i], population: t.population[i] }));
  communes.sort((a, b) => b.population - a.population || (a.code < b.code ? -1 : 1));
  const name = type === 'code-postal' ? code : (t.nameOf(code) ?? code);
  return { type, code, name, departements: t.departementsOf(members), population: t.populationOf(members), communes };
}

/**
 * Communes, EPCI and postal codes matching what a user typed, accent- and case-insensitively,
 * with « St »/« Ste » read as « Saint »/« Sainte » (« st maixent » finds Saint-Maixent-l'École). A
 * postal code comes first; then the territory search's order (exact code, exact name, prefix…).
 */
export function searchPlaces(t: TerritoryIndex, query: string, limit = 12): PlaceHit[] {
  const text = query.trim();
  const hits: PlaceHit[] = [];
  const seen = new Set<string>();
  const add = (hit: PlaceHit) => {
    const key = `${hit.type}:${hit.code}`;
    if (seen.has(key) || hits.length >= limit) return;
    seen.add(key);
    hits.push(hit);
  };
  if (POSTAL_CODE.test(text)) {
    const served = t.communesOfPostalCode(text);
    if (served.length) {
      const place = describePlace(t, 'code-postal', text)!;
      add({ type: 'code-postal', code: text, name: text, departements: place.departements, population: place.population, communes: served.length, sample: place.communes.slice(0, SAMPLE).map((c) => c.name) });
    }
  }
  const expanded = placeKey(text);
  // The spelt-out form first: its strong matches must not be crowded out by the raw text's weak ones.
  const queries = expanded && expanded !== text.toLowerCase() ? [expanded, text] : [text];
  for (const q of queries) {
    for (const hit of t.search(q, limit, ['commune', 'epci'])) {
      const type = hit.type === 'epci' ? 'epci' : 'commune';
      add({ type, code: hit.code, name: hit.name, departements: hit.departements, population: hit.population, communes: placeCommunes(t, type, hit.code)?.length ?? 0 });
    }
  }
  return hits;
}

/** A mechanism as the place and theme answers list it: who, and where it stands at the reference date. */
export interface MechanismAt {
  id: string;
  name: string;
  kind: MechanismKind;
  /** Its status at the reference date; absent when it did not exist yet. */
  status?: MechanismStatus;
  /** Active at the reference date (docs/format.md, « Actif à une date »). */
  active: boolean;
  themes: readonly string[];
}

export function mechanismAt(model: ArticulationModel, entry: MechanismEntry, asOf: string): MechanismAt {
  const m = entry.mechanism;
  const status = statusAt(m, asOf);
  return { id: m.id, name: m.name, kind: m.kind, ...(status ? { status } : {}), active: isActiveAt(m, asOf), themes: model.themes(entry) };
}

export interface CoveringMechanism extends MechanismAt {
  /** The place's communes it covers (all of them, or some: an EPCI half inside a CPTS). */
  communes: string[];
  /** Their population. */
  population: number;
}

/**
 * Every mechanism whose perimeter meets a set of base communes (sorted), whatever its status,
 * with its status at `asOf` and the communes it covers there: active ones first, then by kind
 * and name. `theme` keeps those working on it.
 */
export function mechanismsCovering(model: ArticulationModel, communes: Uint32Array, asOf: string, options: { theme?: string } = {}): CoveringMechanism[] {
  const t = model.territories;
  const out: CoveringMechanism[] = [];
  for (const perimeterClass of model.classes) {
    const shared: number[] = [];
    if (intersectSorted(perimeterClass.communes, communes, shared) === 0) continue;
    const codes = shared.map((i) => t.codes[i]);
    const population = t.populationOf(shared);
    for (const members of perimeterClass.members.values()) {
      for (const e of members) {
        if (options.theme !== undefined && !model.themes(e).includes(options.theme)) continue;
        out.push({ ...mechanismAt(model, e, asOf), communes: codes, population });
      }
    }
  }
  const kindOrder = (k: MechanismKind) => MECHANISM_KINDS.indexOf(k);
  return out.sort((a, b) => Number(b.active) - Number(a.active) || kindOrder(a.kind) - kindOrder(b.kind) || a.name.localeCompare(b.name, 'fr') || (a.id < b.id ? -1 : 1));
}

export interface ScopePerimeters {
  /** Every base commune of the perimeters listed, in reference order. */
  communes: string[];
  populations: number[];
  /** Each mechanism's perimeter as positions in `communes`. */
  mechanisms: { id: string; communes: number[] }[];
}

/**
 * The perimeters of the mechanisms touching a territory (its départements and those of its
 * régions; none: France), as base communes: what the map outlines and where the network's
 * geographic layout places each mechanism (its perimeter's population-weighted centre).
 */
export function scopePerimeters(model: ArticulationModel, options: { departements?: readonly string[]; regions?: readonly string[] }): ScopePerimeters {
  const t = model.territories;
  const scope = new Set(options.departements ?? []);
  for (const r of options.regions ?? []) for (const d of t.departementsOfRegion(r)) scope.add(d);
  const entries = model.entries.filter((e) => scope.size === 0 || e.departements.some((d) => scope.has(d)));
  const position = new Map<number, number>();
  const used: number[] = [];
  for (const e of entries) for (const c of e.perimeter) if (!position.has(c)) position.set(c, used.push(c) - 1);
  // Reference order, then positions renumbered.
  const order = used.map((c, i) => [c, i] as const).sort((x, y) => x[0] - y[0]);
  const renumber = new Int32Array(used.length);
  order.forEach(([, old], i) => (renumber[old] = i));
  return {
    communes: order.map(([c]) => t.codes[c]),
    populations: order.map(([c]) => t.population[c]),
    mechanisms: entries.map((e) => ({ id: e.mechanism.id, communes: Array.from(e.perimeter, (c) => renumber[position.get(c)!]) })),
  };
}
