// The territory reference (INSEE geographic code) and the normalisation of a perimeter
// to a set of communes. Pure: the raw data is handed in (server/territories.ts reads it
// from @etalab/decoupage-administratif).
//
// Communes are numbered densely (0..n-1) so that perimeters are sorted Uint32Arrays and
// the commune → mechanisms index is an array. The "base" communes are the ones a perimeter
// is made of: current communes, except Paris, Lyon and Marseille, which are replaced by
// their municipal arrondissements so that "the CLS of Paris" and "the CLSM of the 20th" meet.
import { foldText } from './text.ts';
import type { TerritoryType } from './vocabulary.ts';

export interface RawCommune {
  code: string;
  nom: string;
  type: string; // commune-actuelle | commune-deleguee | commune-associee | arrondissement-municipal
  departement?: string;
  region?: string;
  population?: number;
  commune?: string; // arrondissement → its city
  chefLieu?: string; // delegated / associated commune → its current commune
  anciensCodes?: string[]; // current commune → the codes of the communes merged into it
  codesPostaux?: string[];
}
export interface RawGroup {
  code: string;
  nom: string;
  type?: string;
  membres: { code: string }[];
}
export interface RawDepartement {
  code: string;
  nom: string;
  region: string;
}
export interface RawRegion {
  code: string;
  nom: string;
}
export interface RawTerritoryData {
  communes: RawCommune[];
  epci: RawGroup[];
  ept?: RawGroup[];
  departements: RawDepartement[];
  regions: RawRegion[];
}

export type { TerritoryType };

export interface TerritoryHit {
  type: TerritoryType;
  code: string;
  name: string;
  /** Département of a commune, or the départements an EPCI touches. */
  departements: string[];
  population: number;
}

export interface TerritoryProblem {
  field: 'communes' | 'epci' | 'departements';
  index: number;
  code: string;
}

/** A place whose name matches a query exactly (see `placeKey`). */
export interface PlaceMatch {
  type: TerritoryType;
  /** The code to store: a current commune (a former commune's name gives its current commune), an EPCI, a département or a région. */
  code: string;
  /** The official name of the place designated by `code`. */
  name: string;
  departements: string[];
  /** The name matched was that of a former (delegated or associated) commune. */
  formerName?: string;
}

export interface NormalisedPerimeter {
  communes: Uint32Array;
  unknown: TerritoryProblem[];
}

const EMPTY: readonly number[] = [];

export class TerritoryIndex {
  /** Base commune data, by dense index. */
  readonly codes: string[] = [];
  readonly names: string[] = [];
  readonly departementOf: string[] = [];
  readonly population: Float64Array;

  private readonly baseIndex = new Map<string, number>();
  /** Any commune code users may write (incl. 75056, delegated communes) → base communes. */
  private readonly communeCodes = new Map<string, readonly number[]>();
  /** A code that no longer names a current commune → the current commune's code (docs/format.md, « Territoires »: codes that age). */
  private readonly agedCodes = new Map<string, string>();
  private readonly groups = new Map<string, { name: string; type: string; members: number[] }>();
  private readonly departementCommunes = new Map<string, number[]>();
  private readonly departementInfo = new Map<string, RawDepartement>();
  private readonly regionInfo = new Map<string, RawRegion>();
  private readonly regionDepartements = new Map<string, string[]>();
  private searchEntries: { folded: string; hit: TerritoryHit }[] | undefined;
  private readonly postalCodes = new Map<string, number[]>();
  /** Delegated and associated communes: their names still appear in spreadsheets. */
  private readonly formerCommunes: { name: string; departement: string; current: string }[] = [];
  private placeNames: Map<string, PlaceMatch[]> | undefined;

  constructor(raw: RawTerritoryData) {
    const bigCities = new Set(raw.communes.filter((c) => c.type === 'arrondissement-municipal').map((c) => c.commune));
    const populations: number[] = [];
    for (const c of raw.communes) {
      const isBase = (c.type === 'commune-actuelle' && !bigCities.has(c.code)) || c.type === 'arrondissement-municipal';
      if (!isBase || this.baseIndex.has(c.code)) continue;
      const i = this.codes.length;
      this.codes.push(c.code);
      this.names.push(c.nom);
      this.departementOf.push(c.departement ?? '');
      populations.push(c.population ?? 0);
      this.baseIndex.set(c.code, i);
      this.communeCodes.set(c.code, [i]);
      if (c.departement) push(this.departementCommunes, c.departement, i);
      for (const postal of c.codesPostaux ?? []) push(this.postalCodes, postal, i);
    }
    this.population = Float64Array.from(populations);
    // Whole cities with arrondissements cover all of them.
    for (const c of raw.communes) {
      if (c.type === 'arrondissement-municipal' && c.commune) {
        const list = (this.communeCodes.get(c.commune) as number[] | undefined) ?? [];
        if (!this.communeCodes.has(c.commune)) this.communeCodes.set(c.commune, list);
        list.push(this.baseIndex.get(c.code)!);
      }
    }
    // Delegated and associated communes, and the former codes of merged communes, stand for
    // their current commune.
    const age = (oldCode: string, current: string) => {
      const target = this.communeCodes.get(current);
      if (!target || this.communeCodes.has(oldCode)) return;
      this.communeCodes.set(oldCode, target);
      this.agedCodes.set(oldCode, current);
    };
    for (const c of raw.communes) {
      if ((c.type !== 'commune-deleguee' && c.type !== 'commune-associee') || !c.chefLieu) continue;
      age(c.code, c.chefLieu);
      this.formerCommunes.push({ name: c.nom, departement: c.departement ?? '', current: c.chefLieu });
    }
    for (const c of raw.communes) if (c.type === 'commune-actuelle') for (const old of c.anciensCodes ?? []) age(old, c.code);
    for (const g of [...raw.epci, ...(raw.ept ?? [])]) {
      const members = new Set<number>();
      for (const m of g.membres) for (const i of this.communeCodes.get(m.code) ?? EMPTY) members.add(i);
      this.groups.set(g.code, { name: g.nom, type: g.type ?? 'EPCI', members: [...members].sort((a, b) => a - b) });
    }
    for (const d of raw.departements) {
      this.departementInfo.set(d.code, d);
      push(this.regionDepartements, d.region, d.code);
    }
    for (const r of raw.regions) this.regionInfo.set(r.code, r);
  }

  get communeCount(): number {
    return this.codes.length;
  }

  /** Base commune index of a 5-character code, if it is a base commune. */
  indexOf(code: string): number | undefined {
    return this.baseIndex.get(code);
  }

  /** The current commune's code for a code that has aged (a merged or delegated commune); undefined for a current code or an unknown one. */
  currentCommuneCode(code: string): string | undefined {
    return this.agedCodes.get(code);
  }

  /** Name of a commune code as users write it (a base commune, a city with arrondissements); undefined when unknown. */
  communeName(code: string): string | undefined {
    const members = this.communeCodes.get(code);
    if (!members) return undefined;
    const own = this.baseIndex.get(code);
    return own !== undefined ? this.names[own] : this.cityName(code, members);
  }

  isCommune(code: string): boolean {
    return this.communeCodes.has(code);
  }
  isEpci(code: string): boolean {
    return this.groups.has(code);
  }
  isDepartement(code: string): boolean {
    return this.departementInfo.has(code);
  }
  isRegion(code: string): boolean {
    return this.regionInfo.has(code);
  }

  departementName(code: string): string | undefined {
    return this.departementInfo.get(code)?.nom;
  }
  regionName(code: string): string | undefined {
    return this.regionInfo.get(code)?.nom;
  }
  regionOfDepartement(code: string): string | undefined {
    return this.departementInfo.get(code)?.region;
  }
  departementsOfRegion(code: string): readonly string[] {
    return this.regionDepartements.get(code) ?? [];
  }
  allDepartements(): RawDepartement[] {
    return [...this.departementInfo.values()];
  }
  allRegions(): RawRegion[] {
    return [...this.regionInfo.values()];
  }
  communesOfDepartement(code: string): readonly number[] {
    return this.departementCommunes.get(code) ?? EMPTY;
  }
  /** Codes of every EPCI (and EPT) a perimeter may name, in reference order. */
  epciCodes(): string[] {
    return [...this.groups.keys()];
  }

  /** The name of a commune, EPCI, département or région code, without building its perimeter. */
  nameOf(code: string): string | undefined {
    const group = this.groups.get(code);
    if (group) return group.name;
    const members = this.communeCodes.get(code);
    if (members) {
      const own = this.baseIndex.get(code);
      return own !== undefined ? this.names[own] : members.length > 1 ? this.cityName(code, members) : this.names[members[0]];
    }
    return this.departementInfo.get(code)?.nom ?? this.regionInfo.get(code)?.nom;
  }

  /** Base communes served by a postal code (79400 serves eight communes), in reference order. */
  communesOfPostalCode(code: string): readonly number[] {
    return this.postalCodes.get(code) ?? EMPTY;
  }

  /**
   * Places whose name is exactly `text` once folded by `placeKey` (accents, case, punctuation,
   * « St »/« Ste », a trailing article in brackets, « Paris 20e »). Former communes are matched
   * only when no current commune bears the name.
   */
  placesNamed(text: string): readonly PlaceMatch[] {
    const names = (this.placeNames ??= this.buildPlaceNames());
    return names.get(placeKey(text)) ?? [];
  }

  /** Normalise a declared perimeter to its sorted set of base communes; unknown codes are reported. */
  normalize(territory: { communes?: readonly string[]; epci?: readonly string[]; departements?: readonly string[] }): NormalisedPerimeter {
    const unknown: TerritoryProblem[] = [];
    const out: number[] = [];
    (territory.communes ?? []).forEach((code, index) => {
      const found = this.communeCodes.get(code);
      if (found) for (const i of found) out.push(i);
      else unknown.push({ field: 'communes', index, code });
    });
    (territory.epci ?? []).forEach((code, index) => {
      const found = this.groups.get(code);
      if (found) for (const i of found.members) out.push(i);
      else unknown.push({ field: 'epci', index, code });
    });
    (territory.departements ?? []).forEach((code, index) => {
      const found = this.departementCommunes.get(code);
      if (found) for (const i of found) out.push(i);
      else unknown.push({ field: 'departements', index, code });
    });
    return { communes: sortedUnique(out), unknown };
  }

  /** Sum of the populations of a set of base communes. */
  populationOf(communes: Iterable<number>): number {
    let total = 0;
    for (const i of communes) total += this.population[i];
    return total;
  }

  /** The départements a set of base communes touches, sorted. */
  departementsOf(communes: Iterable<number>): string[] {
    const set = new Set<string>();
    for (const i of communes) set.add(this.departementOf[i]);
    return [...set].sort();
  }

  /** Accent- and case-insensitive search over communes, EPCI, départements and régions. */
  search(query: string, limit = 20, types?: readonly TerritoryType[]): TerritoryHit[] {
    const q = foldText(query);
    if (!q) return [];
    const entries = (this.searchEntries ??= this.buildSearchEntries());
    const scored: { score: number; hit: TerritoryHit }[] = [];
    for (const e of entries) {
      if (types && !types.includes(e.hit.type)) continue;
      let score: number;
      if (e.hit.code === query.trim()) score = 0;
      else if (e.folded === q) score = 1;
      else if (e.folded.startsWith(q)) score = 2;
      else if (e.folded.includes(' ' + q)) score = 3;
      else if (e.folded.includes(q)) score = 4;
      else continue;
      scored.push({ score, hit: e.hit });
    }
    scored.sort((a, b) => a.score - b.score || b.hit.population - a.hit.population || a.hit.name.localeCompare(b.hit.name, 'fr'));
    return scored.slice(0, limit).map((s) => s.hit);
  }

  /** What a code designates, with its communes, for `GET /api/territories/:code`. */
  describe(code: string): (TerritoryHit & { communes: { code: string; name: string; population: number }[] }) | undefined {
    let type: TerritoryType;
    let name: string;
    let members: readonly number[];
    if (this.groups.has(code)) {
      const g = this.groups.get(code)!;
      [type, name, members] = ['epci', g.name, g.members];
    } else if (this.communeCodes.has(code)) {
      members = this.communeCodes.get(code)!;
      const own = this.baseIndex.get(code);
      type = 'commune';
      name = own !== undefined ? this.names[own] : this.cityName(code, members);
    } else if (this.departementInfo.has(code)) {
      [type, name, members] = ['departement', this.departementInfo.get(code)!.nom, this.communesOfDepartement(code)];
    } else if (this.regionInfo.has(code)) {
      [type, name] = ['region', this.regionInfo.get(code)!.nom];
      members = this.departementsOfRegion(code).flatMap((d) => this.communesOfDepartement(d));
    } else return undefined;
    return {
      type,
      code,
      name,
      departements: this.departementsOf(members),
      population: this.populationOf(members),
      communes: members.map((i) => ({ code: this.codes[i], name: this.names[i], population: this.population[i] })),
    };
  }

  private cityName(code: string, members: readonly number[]): string {
    // 75056 and the like are not base communes: name them after their first arrondissement's city.
    const first = this.names[members[0]] ?? code;
    return first.replace(/ \d+(er|e) Arrondissement$/i, '');
  }

  private buildPlaceNames(): Map<string, PlaceMatch[]> {
    const names = new Map<string, PlaceMatch[]>();
    const add = (name: string, match: PlaceMatch) => push(names, placeKey(name), match);
    for (let i = 0; i < this.codes.length; i++) {
      add(this.names[i], { type: 'commune', code: this.codes[i], name: this.names[i], departements: [this.departementOf[i]] });
    }
    for (const [code, members] of this.communeCodes) {
      // Whole cities (Paris, Lyon, Marseille), by their current code only (Lyon's aged 69232 is not a second Lyon).
      if (this.baseIndex.has(code) || members.length < 2 || this.agedCodes.has(code)) continue;
      const name = this.cityName(code, members);
      add(name, { type: 'commune', code, name, departements: this.departementsOf(members) });
    }
    const currentNames = new Set(names.keys());
    for (const f of this.formerCommunes) {
      const key = placeKey(f.name);
      const current = this.baseIndex.get(f.current);
      if (currentNames.has(key) || current === undefined) continue;
      const list = names.get(key) ?? [];
      if (list.some((m) => m.code === f.current)) continue;
      list.push({ type: 'commune', code: f.current, name: this.names[current], departements: [this.departementOf[current]], formerName: f.name });
      names.set(key, list);
    }
    for (const [code, g] of this.groups) add(g.name, { type: 'epci', code, name: g.name, departements: this.departementsOf(g.members) });
    for (const d of this.departementInfo.values()) add(d.nom, { type: 'departement', code: d.code, name: d.nom, departements: [d.code] });
    for (const r of this.regionInfo.values()) add(r.nom, { type: 'region', code: r.code, name: r.nom, departements: [...this.departementsOfRegion(r.code)] });
    return names;
  }

  private buildSearchEntries(): { folded: string; hit: TerritoryHit }[] {
    const entries: { folded: string; hit: TerritoryHit }[] = [];
    const add = (hit: TerritoryHit) => entries.push({ folded: foldText(hit.name), hit });
    for (const [code, g] of this.groups) {
      add({ type: 'epci', code, name: g.name, departements: this.departementsOf(g.members), population: this.populationOf(g.members) });
    }
    for (const [code, members] of this.communeCodes) {
      const own = this.baseIndex.get(code);
      if (own === undefined && members.length === 1) continue; // old codes: not offered
      const name = own !== undefined ? this.names[own] : this.cityName(code, members);
      add({ type: 'commune', code, name, departements: this.departementsOf(members), population: this.populationOf(members) });
    }
    for (const d of this.departementInfo.values()) {
      const members = this.communesOfDepartement(d.code);
      add({ type: 'departement', code: d.code, name: d.nom, departements: [d.code], population: this.populationOf(members) });
    }
    for (const r of this.regionInfo.values()) {
      const deps = this.departementsOfRegion(r.code);
      const pop = deps.reduce((sum, d) => sum + this.populationOf(this.communesOfDepartement(d)), 0);
      add({ type: 'region', code: r.code, name: r.nom, departements: [...deps], population: pop });
    }
    return entries;
  }
}

const ABBREVIATIONS = new Map([
  ['st', 'saint'],
  ['ste', 'sainte'],
  ['sts', 'saints'],
  ['stes', 'saintes'],
]);
const ARTICLES = new Set(['le', 'la', 'les', 'l']);

/**
 * The key place names are matched on: `foldText`, « St »/« Ste » spelt out, a trailing article
 * moved to the front (« Sables-d'Olonne (Les) »), and arrondissements written « Paris 20 »
 * (« Paris 20e », « Paris 20ème arrondissement », « Marseille 1er »).
 */
export function placeKey(text: string): string {
  let words = foldText(text).split(' ').map((w) => ABBREVIATIONS.get(w) ?? w);
  const last = words[words.length - 1];
  if (words.length > 1 && ARTICLES.has(last) && /\(\s*l[ae]?s?\s*'?\s*\)\s*$/i.test(text)) words = [last, ...words.slice(0, -1)];
  const key = words.join(' ');
  const arrondissement = /^(paris|lyon|marseille) (\d{1,2})(?:e|er|eme|ere)?(?: arrondissement)?$/.exec(key);
  return arrondissement ? `${arrondissement[1]} ${Number(arrondissement[2])}` : key;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function sortedUnique(values: number[]): Uint32Array {
  const arr = Uint32Array.from(values).sort();
  let n = 0;
  for (let i = 0; i < arr.length; i++) if (i === 0 || arr[i] !== arr[i - 1]) arr[n++] = arr[i];
  return arr.slice(0, n);
}

/** Size of the intersection of two sorted arrays, and its members when asked. */
export function intersectSorted(a: Uint32Array, b: Uint32Array, into?: number[]): number {
  let i = 0;
  let j = 0;
  let count = 0;
  while (i < a.length && j < b.length) {
    if (a[i] < b[j]) i++;
    else if (a[i] > b[j]) j++;
    else {
      into?.push(a[i]);
      count++;
      i++;
      j++;
    }
  }
  return count;
}
