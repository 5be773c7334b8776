// A synthetic, France-wide `articulation/1` dataset on real communes and EPCI, for benches
// and load tests. Deterministic for a seed.
//
// At scale 1 the counts are those of France (about 300 CLSM, 600 CLS, 101 PTSM, 800 CPTS,
// 100 DAC, 250 ASV, 1,500 people). The territories come from fixed pools chosen from the seed
// alone: at scale k, each pool slot carries k mechanisms ("replicas"), so the scale-10 dataset
// has ten times as many mechanisms, people and links on the very same territories (coverage
// ten times denser). Each mechanism draws its attributes from its own random stream, keyed by
// its id, so replica 1 of the scale-10 dataset is the scale-1 dataset's mechanism.
//
// Proportions aim at realism so that rules fire as they would on real data: most CLSMs gave
// their avis on time, some late, some never; a third of CLS predate the loi 3DS; governance
// data is sometimes partial or missing; a few coordinators are shared or over-allocated.
//
// CLI: npx tsx data/synthetic.ts --scale 1 --seed 1 --out /tmp/france.json
import { pathToFileURL } from 'node:url';
import { addYears, isActiveAt } from '../model/dates.ts';
import type { DatasetInput } from '../model/schema.ts';
import type { TerritoryIndex } from '../model/territory.ts';
import { mulberry32 } from '../model/random.ts';
import {
  ARTICULATION_FORMS,
  CLSM_OBJECTIVES,
  CLS_OBJECTIVES,
  COPIL_ROLES,
  LOI_3DS_IN_FORCE,
  PTSM_PRIORITIES,
  REQUIRED_COPIL_ROLES,
  THEMES,
  type MechanismKind,
  type Priority,
} from '../model/vocabulary.ts';

type MechanismInput = NonNullable<DatasetInput['mechanisms']>[number];
type PersonInput = NonNullable<DatasetInput['people']>[number];
type LinkInput = NonNullable<DatasetInput['links']>[number];
type TerritoryInput = MechanismInput['territory'];

export interface SyntheticOptions {
  /** 1 = France; k = k mechanisms per territory of the scale-1 pools. Fractions take the first slots. */
  scale: number;
  seed: number;
  /** The date the dataset describes (statuses and dates are drawn around it). */
  asOf?: string;
}

/** Mechanisms per kind at scale 1. */
export const BASE_COUNTS: Readonly<Record<MechanismKind, number>> = { PTSM: 101, DAC: 100, CLSM: 300, CLS: 600, CPTS: 800, ASV: 250 };
/** The reference date of the synthetic data (and of the bench). */
export const SYNTHETIC_AS_OF = '2025-06-01';
/** Metropolitan départements and the five DROM (Mayotte is 976; 975 is a COM). */
const DROM = ['971', '972', '973', '974', '976'];

// --- Seeded randomness ---------------------------------------------------------------------

/** A 32-bit seed from parts (FNV-1a, then a murmur finaliser). */
export function hashSeed(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const s = String(part);
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0x1f;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** One of the values, by weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of entries) total += w;
    let x = this.next() * total;
    for (const [value, w] of entries) {
      x -= w;
      if (x < 0) return value;
    }
    return entries[entries.length - 1][0];
  }
  /** k distinct items, in random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = [...items];
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, n);
  }
  /** Items in a random order where heavier ones tend to come first (Efraimidis–Spirakis). */
  weightedOrder<T>(items: readonly T[], weight: (item: T) => number): T[] {
    const keyed = items.map((item) => ({ item, key: Math.log(1 - this.next()) / Math.max(weight(item), 1e-9) }));
    keyed.sort((a, b) => b.key - a.key);
    return keyed.map((k) => k.item);
  }
  /** A date in [from, to] (ISO). */
  date(from: string, to: string): string {
    const a = toDays(from);
    const b = toDays(to);
    return fromDays(b <= a ? a : this.int(a, b));
  }
  /** A date in the given year, never after `cap`. */
  dateInYear(year: number, cap: string): string {
    const d = this.date(`${year}-01-01`, `${year}-12-31`);
    return d > cap ? cap : d;
  }
}

const DAY = 86_400_000;
const toDays = (iso: string) => Math.round(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY);
const fromDays = (days: number) => new Date(days * DAY).toISOString().slice(0, 10);
const addDays = (iso: string, days: number) => fromDays(toDays(iso) + days);

// --- Territory pools (depend on the seed only, never on the scale) ------------------------

interface Slot {
  /** Id of the first replica; others get `-r2`, `-r3`… */
  key: string;
  name: string;
  territory: TerritoryInput;
  perimeter: Uint32Array;
  departements: string[];
  population: number;
  /** CLS drawn on exactly a CLSM's territory: that CLSM slot. */
  pairedClsm?: number;
}

interface Group {
  code: string;
  name: string;
  communes: number[];
  population: number;
  departements: string[];
}

/** Candidates of one kind of territory, best first, and how to make a slot of one. */
interface Stream {
  weight: number;
  size: number;
  take(i: number): Slot;
}
const stream = <T>(weight: number, items: readonly T[], make: (item: T) => Slot): Stream => ({ weight, size: items.length, take: (i) => make(items[i]) });

type Pools = Record<MechanismKind, Slot[]>;

class PoolBuilder {
  private readonly keys = new Set<string>();
  constructor(readonly t: TerritoryIndex) {}

  slot(kindPrefix: string, keyPart: string, name: string, territory: TerritoryInput): Slot {
    let key = `${kindPrefix}-${keyPart.toLowerCase()}`;
    for (let n = 2; this.keys.has(key); n++) key = `${kindPrefix}-${keyPart.toLowerCase()}-${n}`;
    this.keys.add(key);
    const perimeter = this.t.normalize(territory).communes;
    return { key, name, territory, perimeter, departements: this.t.departementsOf(perimeter), population: this.t.populationOf(perimeter) };
  }
}

/** Tracks the communes a kind already covers, to keep perimeters mostly disjoint. */
class Coverage {
  readonly used: Uint8Array;
  constructor(n: number) {
    this.used = new Uint8Array(n);
  }
  meets(perimeter: ArrayLike<number>): boolean {
    for (let i = 0; i < perimeter.length; i++) if (this.used[perimeter[i]]) return true;
    return false;
  }
  add(perimeter: ArrayLike<number>): void {
    for (let i = 0; i < perimeter.length; i++) this.used[perimeter[i]] = 1;
  }
}

/** The 101 départements a PTSM covers: metropolitan France and the five DROM. */
export function syntheticDepartements(t: TerritoryIndex): string[] {
  const metro = t
    .allDepartements()
    .map((d) => d.code)
    .filter((c) => c.length === 2);
  return [...metro.sort(), ...DROM.filter((c) => t.isDepartement(c))];
}

function buildPools(t: TerritoryIndex, seed: number): Pools {
  const rng = new Rng(hashSeed(seed, 'pools'));
  const b = new PoolBuilder(t);
  const communeName = (code: string) => t.describe(code)?.name ?? code;
  const departements = syntheticDepartements(t);
  const inScope = new Set(departements);
  const groups: Group[] = t
    .epciCodes()
    .map((code) => {
      const d = t.describe(code)!;
      return { code, name: d.name, communes: d.communes.map((c) => t.indexOf(c.code)!), population: d.population, departements: d.departements };
    })
    .filter((g) => g.communes.length > 0 && g.departements.every((d) => inScope.has(d)));
  const communes: number[] = [];
  for (let i = 0; i < t.communeCount; i++) if (inScope.has(t.departementOf[i])) communes.push(i);
  const populous = (min: number) => communes.filter((i) => t.population[i] >= min);

  // PTSM: one per département. DAC: one per département, but one département has none.
  const PTSM = departements.map((d) => b.slot('ptsm', d, `PTSM ${t.departementName(d)}`, { departements: [d] }));
  const withoutDac = rng.pick(departements);
  const DAC = departements.filter((d) => d !== withoutDac).map((d) => b.slot('dac', d, `DAC ${t.departementName(d)}`, { departements: [d] }));

  // CLSM: Paris arrondissements, Marseille sectors and Lyon first, then populous communes
  // and EPCI (about 107,000 inhabitants on average), mostly disjoint.
  const CLSM: Slot[] = [];
  const clsmCover = new Coverage(t.communeCount);
  const addClsm = (s: Slot) => {
    CLSM.push(s);
    clsmCover.add(s.perimeter);
  };
  const paris = rng.sample(
    Array.from({ length: 20 }, (_, i) => String(75101 + i)),
    12,
  );
  for (const code of paris.sort()) addClsm(b.slot('clsm', code, `CLSM ${communeName(code)}`, { communes: [code] }));
  const marseilleSectors = [['13201', '13207'], ['13202', '13203'], ['13204', '13205'], ['13206', '13208'], ['13209', '13210'], ['13211', '13212'], ['13213', '13214'], ['13215', '13216']];
  for (const sector of rng.sample(marseilleSectors, 4)) {
    const label = sector.map((c) => `${Number(c.slice(3))}e`).join(' et ');
    addClsm(b.slot('clsm', sector.join('-'), `CLSM Marseille ${label} arrondissements`, { communes: sector }));
  }
  addClsm(b.slot('clsm', '69123', 'CLSM Lyon', { communes: ['69123'] }));
  const clsmCommunes = rng.weightedOrder(
    populous(15_000).filter((i) => !clsmCover.used[i]),
    (i) => t.population[i],
  );
  const clsmGroups = rng.weightedOrder(
    groups.filter((g) => g.population >= 30_000 && g.population <= 600_000),
    (g) => Math.pow(g.population, 0.7),
  );
  const clsmLeft = BASE_COUNTS.CLSM - CLSM.length;
  drawDisjoint(rng, clsmLeft, clsmCover, Math.round(clsmLeft * 0.03), [
    stream(0.45, clsmCommunes, (i) => b.slot('clsm', t.codes[i], `CLSM ${t.names[i]}`, { communes: [t.codes[i]] })),
    stream(0.55, clsmGroups, (g) => b.slot('clsm', g.code, `CLSM ${g.name}`, { epci: [g.code] })),
  ]).forEach(addClsm);

  // CLS: Paris and Marseille as whole cities, a third on exactly a CLSM's territory, the
  // rest on EPCI (often rural) and towns; nested contracts happen.
  const CLS: Slot[] = [];
  const clsCover = new Coverage(t.communeCount);
  const addCls = (s: Slot) => {
    CLS.push(s);
    clsCover.add(s.perimeter);
  };
  addCls(b.slot('cls', '75056', 'CLS de Paris', { communes: ['75056'] }));
  addCls(b.slot('cls', '13055', 'CLS de Marseille', { communes: ['13055'] }));
  CLSM.forEach((clsm, index) => {
    if (clsm.territory.communes?.[0]?.startsWith('751') || clsm.territory.communes?.[0]?.startsWith('132')) return;
    if (!rng.chance(0.38)) return;
    addCls({ ...b.slot('cls', clsm.key.slice(5), clsm.name.replace(/^CLSM/, 'CLS'), clsm.territory), pairedClsm: index });
  });
  const clsGroups = rng.weightedOrder(groups, (g) => Math.pow(g.population, 0.3));
  const clsCommunes = rng.weightedOrder(populous(5_000), (i) => Math.sqrt(t.population[i]));
  const clsLeft = BASE_COUNTS.CLS - CLS.length;
  drawDisjoint(rng, clsLeft, clsCover, Math.round(clsLeft * 0.07), [
    stream(0.7, clsGroups, (g) => b.slot('cls', g.code, `CLS ${g.name}`, { epci: [g.code] })),
    stream(0.3, clsCommunes, (i) => b.slot('cls', t.codes[i], `CLS ${t.names[i]}`, { communes: [t.codes[i]] })),
  ]).forEach(addCls);

  // CPTS: groups of neighbouring communes: a whole small EPCI, or a run of an EPCI's members.
  const chunks: { group: Group; members: number[]; part: number; whole: boolean }[] = [];
  for (const g of groups) {
    if (g.communes.length <= 30 && !(g.communes.length >= 10 && rng.chance(0.3))) {
      chunks.push({ group: g, members: g.communes, part: 0, whole: true });
      continue;
    }
    let part = 0;
    for (let start = 0; start < g.communes.length; part++) {
      const size = g.communes.length <= 30 ? Math.ceil(g.communes.length / 2) : rng.int(8, 25);
      chunks.push({ group: g, members: g.communes.slice(start, start + size), part: part + 1, whole: false });
      start += size;
    }
  }
  // A few CPTS straddle their neighbours: runs of members starting anywhere.
  const bigEnough = groups.filter((g) => g.communes.length >= 6);
  const byPopulation = bigEnough.map((g) => [g, g.population] as const);
  const straddling = Array.from({ length: 2000 }, () => {
    const g = rng.weighted(byPopulation);
    const size = rng.int(3, Math.min(15, g.communes.length - 1));
    const start = rng.int(0, g.communes.length - size);
    return { group: g, members: g.communes.slice(start, start + size), part: 0, whole: false };
  });
  const cptsSlot = (c: (typeof chunks)[number]) =>
    c.whole
      ? b.slot('cpts', c.group.code, `CPTS ${c.group.name}`, { epci: [c.group.code] })
      : b.slot('cpts', `${c.group.code}-${c.part || 'x'}`, `CPTS ${t.names[c.members[0]]} et environs`, { communes: c.members.map((i) => t.codes[i]) });
  const CPTS = drawDisjoint(
    rng,
    BASE_COUNTS.CPTS,
    new Coverage(t.communeCount),
    Math.round(BASE_COUNTS.CPTS * 0.03),
    [stream(1, rng.weightedOrder(chunks, (c) => t.populationOf(c.members) + 1), cptsSlot)],
    [stream(1, straddling, cptsSlot)],
  );

  // ASV: one populous commune each, mostly where a CLSM works.
  const asvCandidates = populous(12_000);
  const inside = rng.weightedOrder(
    asvCandidates.filter((i) => clsmCover.used[i]),
    (i) => t.population[i],
  );
  const outside = rng.weightedOrder(
    asvCandidates.filter((i) => !clsmCover.used[i]),
    (i) => t.population[i],
  );
  const asvSlot = (i: number) => b.slot('asv', t.codes[i], `ASV ${t.names[i]}`, { communes: [t.codes[i]] });
  const ASV = drawDisjoint(rng, BASE_COUNTS.ASV, new Coverage(t.communeCount), 0, [
    stream(0.7, inside, asvSlot),
    stream(0.3, outside, asvSlot),
  ]);

  return { PTSM, DAC, CLSM, CLS, CPTS, ASV };
}

/**
 * Draw `count` slots from candidate streams (chosen by weight): first `count - overlaps`
 * slots whose communes no earlier slot covers, then `overlaps` slots that do meet earlier
 * ones (from `overlapStreams`, by default the same streams, continued).
 */
function drawDisjoint(rng: Rng, count: number, cover: Coverage, overlaps: number, streams: readonly Stream[], overlapStreams: readonly Stream[] = streams): Slot[] {
  const out: Slot[] = [];
  const cursors = new Map<Stream, number>();
  const draw = (from: readonly Stream[], target: number, wantOverlap: boolean) => {
    while (out.length < target) {
      const open = from.map((s, i) => [i, (cursors.get(s) ?? 0) < s.size ? s.weight : 0] as const).filter(([, w]) => w > 0);
      if (open.length === 0) throw new Error(`synthetic: not enough candidate territories (${out.length}/${target})`);
      const s = from[rng.weighted(open)];
      const i = cursors.get(s) ?? 0;
      cursors.set(s, i + 1);
      const slot = s.take(i);
      if (cover.meets(slot.perimeter) !== wantOverlap) continue;
      cover.add(slot.perimeter);
      out.push(slot);
    }
  };
  draw(streams, count - overlaps, false);
  draw(overlapStreams, count, true);
  return out;
}

// --- Mechanisms ---------------------------------------------------------------------------

interface Generated {
  kind: MechanismKind;
  slot: number;
  replica: number;
  mechanism: MechanismInput;
}

const THEME_IDS = THEMES.map((t) => t.id);
const OPTIONAL_ROLES = COPIL_ROLES.filter((r) => !r.required).map((r) => r.id);
const FTE_CHOICES = [0.2, 0.3, 0.4, 0.5, 0.5, 0.5, 0.6, 0.8, 0.8, 1, 1, 1];
const themeLabel = new Map(THEMES.map((t) => [t.id, t.label]));

function yearFrom(rng: Rng, weights: readonly (readonly [number, number])[], asOf: string): string {
  return rng.dateInYear(rng.weighted(weights), addDays(asOf, -1));
}

const range = (from: number, to: number, w: number) => Array.from({ length: to - from + 1 }, (_, i) => [from + i, w] as const);

const CLSM_START_YEARS = [...range(2005, 2010, 1), ...range(2011, 2016, 3), ...range(2017, 2021, 4), ...range(2022, 2025, 3)];
const PTSM_ADOPTION_YEARS = [[2019, 15], [2020, 35], [2021, 25], [2022, 8], [2023, 5], [2024, 7], [2025, 5]] as const;
const CLS_SIGNED_YEARS = [...range(2012, 2015, 0.5), ...range(2016, 2019, 1), ...range(2020, 2021, 3), ...range(2022, 2024, 5), [2025, 2] as const];

class Generator {
  readonly people: PersonInput[] = [];

  constructor(
    readonly seed: number,
    readonly asOf: string,
  ) {}

  rngFor(...parts: (string | number)[]): Rng {
    return new Rng(hashSeed(this.seed, ...parts));
  }

  person(rng: Rng, id: string, label: string): string {
    const trained = rng.weighted([
      [true, 65],
      [false, 20],
      [undefined, 15],
    ] as const);
    this.people.push({ id, label, ...(trained === undefined ? {} : { trained }) });
    return id;
  }

  coordinators(rng: Rng, m: MechanismInput, shares: { none: number; two: number }, reuse?: { person: string; p: number }): MechanismInput['coordinators'] {
    const roll = rng.float();
    if (roll < shares.none) return undefined;
    const count = roll < shares.none + shares.two ? 2 : 1;
    const out: NonNullable<MechanismInput['coordinators']> = [];
    for (let k = 0; k < count; k++) {
      const fte = count === 2 ? rng.pick([0.3, 0.5, 0.5]) : rng.pick(FTE_CHOICES);
      if (k === 0 && reuse && rng.chance(reuse.p)) {
        out.push({ person: reuse.person, fte });
        continue;
      }
      const id = this.person(rng, `coord-${m.id}${k ? `-${k + 1}` : ''}`, `Coordination ${m.name}${k ? ` (${k + 1})` : ''}`);
      out.push(rng.chance(0.05) ? { person: id } : { person: id, fte });
    }
    return out;
  }

  themes(rng: Rng, min: number, max: number, pool: readonly string[] = THEME_IDS): string[] {
    return rng.sample(pool, rng.int(min, max));
  }

  ptsm(slot: Slot, id: string, name: string): MechanismInput {
    const rng = this.rngFor('m', id);
    const m: MechanismInput = { id, kind: 'PTSM', name, status: 'active', territory: slot.territory };
    if (rng.chance(0.03)) {
      m.status = 'project';
      const diagnosticAdopted = rng.chance(0.5) ? rng.date(addDays(this.asOf, -400), addDays(this.asOf, -30)) : undefined;
      const adopted = rng.chance(0.4) ? rng.date(addDays(this.asOf, 30), addDays(this.asOf, 300)) : undefined;
      m.dates = { ...(diagnosticAdopted ? { diagnosticAdopted } : {}), ...(adopted ? { adopted } : {}) };
    } else {
      const adopted = yearFrom(rng, PTSM_ADOPTION_YEARS, this.asOf);
      const dates: NonNullable<MechanismInput['dates']> = { start: adopted, adopted };
      if (rng.chance(0.9)) dates.diagnosticAdopted = addDays(adopted, -rng.int(180, 720));
      const end = addYears(adopted, 5);
      if (end > this.asOf && rng.chance(0.3)) dates.end = end;
      m.dates = dates;
    }
    m.priorities = rng.sample(PTSM_PRIORITIES, rng.int(4, 6));
    m.objectives = [...(rng.chance(0.55) ? ['creation-clsm'] : []), ...(rng.chance(0.5) ? ['ctsm'] : [])];
    m.themes = this.themes(rng, 1, 3);
    m.coordinators = this.coordinators(rng, m, { none: 0.25, two: 0 });
    return m;
  }

  dac(slot: Slot, id: string, name: string): MechanismInput {
    const rng = this.rngFor('m', id);
    const m: MechanismInput = { id, kind: 'DAC', name, status: rng.chance(0.95) ? 'active' : 'project', territory: slot.territory };
    if (m.status === 'active') m.dates = { start: rng.date('2019-07-01', '2023-12-31') };
    m.themes = ['cas-complexes', ...this.themes(rng, 0, 1, ['personnes-agees', 'precarite', 'addictions', 'acces-soins'])];
    m.coordinators = this.coordinators(rng, m, { none: 0, two: 0 });
    return m;
  }

  clsm(slot: Slot, id: string, name: string): MechanismInput {
    const rng = this.rngFor('m', id);
    const status = rng.weighted([
      ['active', 82],
      ['project', 6],
      ['dormant', 7],
      ['ended', 5],
    ] as const);
    const m: MechanismInput = { id, kind: 'CLSM', name, status, territory: slot.territory };
    if (status === 'project') {
      if (rng.chance(0.4)) m.dates = { start: rng.date(addDays(this.asOf, 30), addDays(this.asOf, 400)) };
    } else if (status === 'ended') {
      const start = yearFrom(rng, CLSM_START_YEARS.filter(([y]) => y <= 2019), this.asOf);
      m.dates = { start, end: rng.date(addDays(start, 700), addDays(this.asOf, -30)) };
    } else if (rng.chance(0.97)) {
      m.dates = { start: yearFrom(rng, CLSM_START_YEARS, this.asOf) };
    }
    m.priorities = rng.sample(CLSM_OBJECTIVES, rng.int(2, 5));
    m.themes = this.themes(rng, 2, 6);
    if (rng.chance(0.4) && !m.themes.includes('cas-complexes')) m.themes.push('cas-complexes');
    if (rng.chance(0.92)) m.governance = this.clsmGovernance(rng);
    m.coordinators = this.coordinators(rng, m, { none: 0.08, two: 0.07 });
    return m;
  }

  private clsmGovernance(rng: Rng): NonNullable<MechanismInput['governance']> {
    const g: NonNullable<MechanismInput['governance']> = {};
    if (rng.chance(0.95)) {
      const keep: Record<string, number> = { elu: 0.98, psychiatrie: 0.95, usagers: 0.8, aidants: 0.75 };
      const roles = REQUIRED_COPIL_ROLES.filter((r) => rng.chance(keep[r] ?? 0.9));
      roles.push(...rng.sample(OPTIONAL_ROLES, rng.int(1, 5)));
      const meetings = rng.weighted([
        [1, 20],
        [2, 45],
        [3, 20],
        [4, 10],
        [undefined, 5],
      ] as const);
      g.copil = { roles, ...(meetings === undefined ? {} : { meetingsPerYear: meetings }) };
    }
    const plenary = rng.weighted([
      [0, 25],
      [1, 55],
      [2, 10],
      [undefined, 10],
    ] as const);
    if (plenary !== undefined) g.plenaryPerYear = plenary;
    if (rng.chance(0.92)) {
      g.workingGroups = this.themes(rng, 0, 5).map((theme) => ({ theme, title: `Groupe de travail ${themeLabel.get(theme) ?? theme}` }));
    }
    const charter = rng.weighted([
      [true, 65],
      [false, 20],
      [undefined, 15],
    ] as const);
    if (charter !== undefined) g.charter = charter;
    if (rng.chance(0.9)) {
      g.funding = rng.chance(0.45)
        ? ['collectivite', 'psychiatrie', 'ars']
        : rng.sample(['collectivite', 'psychiatrie', 'ars', 'etat', 'departement', 'autre'] as const, rng.int(1, 3));
    }
    return g;
  }

  cls(slot: Slot, id: string, name: string, clsmCoordinator?: string): MechanismInput {
    const rng = this.rngFor('m', id);
    const m: MechanismInput = { id, kind: 'CLS', name, status: 'active', territory: slot.territory };
    const roll = rng.float();
    if (roll < 0.05) m.status = 'project';
    else {
      const signed = yearFrom(rng, CLS_SIGNED_YEARS, this.asOf);
      const dates: NonNullable<MechanismInput['dates']> = { signed, start: signed };
      if (rng.chance(0.9)) dates.end = addYears(signed, 5);
      m.dates = dates;
      if (roll < 0.09) m.status = 'dormant';
      else if (dates.end && dates.end < this.asOf && rng.chance(0.55)) m.status = 'ended';
      const after3ds = signed >= LOI_3DS_IN_FORCE;
      const mhc = rng.weighted<boolean | undefined>(
        after3ds
          ? ([[true, 72], [false, 18], [undefined, 10]] as const)
          : ([[true, 40], [false, 35], [undefined, 25]] as const),
      );
      if (mhc !== undefined) m.mentalHealthComponent = mhc;
    }
    const priorities: Priority[] = rng.sample(CLS_OBJECTIVES, rng.int(1, 2));
    if (rng.chance(0.2)) priorities.push(rng.pick(PTSM_PRIORITIES));
    m.priorities = priorities;
    m.themes = this.themes(rng, 3, 7);
    m.coordinators = this.coordinators(rng, m, { none: 0.06, two: 0.02 }, clsmCoordinator ? { person: clsmCoordinator, p: 0.1 } : undefined);
    return m;
  }

  cpts(slot: Slot, id: string, name: string): MechanismInput {
    const rng = this.rngFor('m', id);
    const status = rng.weighted([
      ['active', 80],
      ['project', 12],
      ['dormant', 5],
      ['ended', 3],
    ] as const);
    const m: MechanismInput = { id, kind: 'CPTS', name, status, territory: slot.territory };
    if (status !== 'project') {
      const start = rng.date('2018-01-01', addDays(this.asOf, -60));
      m.dates = status === 'ended' ? { start, end: rng.date(start, addDays(this.asOf, -1)) } : { start };
    }
    m.themes = this.themes(rng, 1, 3, ['acces-soins', 'personnes-agees', 'crise-urgence', 'perinatalite', 'jeunes', 'addictions', 'sism']);
    m.coordinators = this.coordinators(rng, m, { none: 0.62, two: 0 });
    return m;
  }

  asv(slot: Slot, id: string, name: string, clsmCoordinator?: string): MechanismInput {
    const rng = this.rngFor('m', id);
    const status = rng.weighted([
      ['active', 80],
      ['dormant', 10],
      ['ended', 10],
    ] as const);
    const m: MechanismInput = { id, kind: 'ASV', name, status, territory: slot.territory };
    const start = rng.date('2001-01-01', '2020-12-31');
    m.dates = status === 'ended' ? { start, end: rng.date(addDays(start, 365), addDays(this.asOf, -1)) } : { start };
    m.themes = this.themes(rng, 2, 4, ['precarite', 'acces-soins', 'jeunes', 'addictions', 'logement', 'parentalite', 'isolement', 'emploi', 'sism']);
    m.coordinators = this.coordinators(rng, m, { none: 0.1, two: 0 }, clsmCoordinator ? { person: clsmCoordinator, p: 0.06 } : undefined);
    return m;
  }
}

// --- Links --------------------------------------------------------------------------------

const OPINIONS = [
  ['favorable', 80],
  ['favorable-reserves', 15],
  ['defavorable', 5],
] as const;

/** An avis for one stage due at `due`: on time, late or missing. */
function avis(rng: Rng, from: string, to: string, stage: 'diagnostic' | 'projet', due: string, asOf: string, onTime: number, late: number): LinkInput | undefined {
  const roll = rng.float();
  let date: string;
  if (roll < onTime) date = addDays(due, -rng.int(10, 200));
  else if (roll < onTime + late) {
    date = addDays(due, rng.int(7, 240));
    if (date > asOf) date = asOf;
    if (date <= due) return undefined;
  } else return undefined;
  return { kind: 'avis', from, to, stage, date, opinion: rng.weighted(OPINIONS) };
}

function buildLinks(gen: Generator, pools: Pools, byKind: Record<MechanismKind, Generated[][]>): LinkInput[] {
  const asOf = gen.asOf;
  const links: LinkInput[] = [];
  // The PTSM of a département for a replica (every replica has one).
  const ptsmOfDep = new Map<string, Generated[]>();
  pools.PTSM.forEach((slot, i) => ptsmOfDep.set(slot.departements[0], byKind.PTSM[i]));
  const ptsmsFor = (slot: Slot, replica: number): Generated[] => {
    const out: Generated[] = [];
    for (const d of slot.departements) {
      const list = ptsmOfDep.get(d);
      if (list?.length) out.push(list[replica % list.length]);
    }
    return out;
  };
  // CLSM slots at each commune, to find the CLSMs a slot meets.
  const clsmAt = new Map<number, number[]>();
  pools.CLSM.forEach((slot, s) => {
    for (const c of slot.perimeter) {
      const list = clsmAt.get(c);
      if (list) list.push(s);
      else clsmAt.set(c, [s]);
    }
  });
  const clsmSlotsMeeting = (slot: Slot): number[] => {
    const set = new Set<number>();
    for (const c of slot.perimeter) for (const s of clsmAt.get(c) ?? []) set.add(s);
    return [...set].sort((a, b) => a - b);
  };
  const clsmReplica = (s: number, replica: number): Generated | undefined => byKind.CLSM[s]?.[replica];
  const forms = (rng: Rng) => rng.sample(ARTICULATION_FORMS, rng.int(1, 3));

  for (const list of byKind.CLSM) {
    for (const g of list) {
      const m = g.mechanism;
      const rng = gen.rngFor('links', m.id);
      for (const p of ptsmsFor(pools.CLSM[g.slot], g.replica)) {
        const ptsm = p.mechanism;
        const adopted = ptsm.dates?.adopted;
        const diagnosticDue = ptsm.dates?.diagnosticAdopted ?? adopted;
        if (adopted && adopted <= asOf) {
          if (isActiveAt(m, adopted)) {
            const l = avis(rng, m.id, ptsm.id, 'projet', adopted, asOf, 0.8, 0.07);
            if (l) links.push(l);
          }
        } else if (isActiveAt(m, asOf) && rng.chance(0.3)) {
          links.push({ kind: 'avis', from: m.id, to: ptsm.id, stage: 'projet', date: addDays(asOf, -rng.int(1, 90)), opinion: rng.weighted(OPINIONS) });
        }
        if (diagnosticDue && diagnosticDue <= asOf) {
          if (isActiveAt(m, diagnosticDue)) {
            const l = avis(rng, m.id, ptsm.id, 'diagnostic', diagnosticDue, asOf, 0.65, 0.07);
            if (l) links.push(l);
          }
        } else if (isActiveAt(m, asOf) && rng.chance(0.5)) {
          links.push({ kind: 'avis', from: m.id, to: ptsm.id, stage: 'diagnostic', date: addDays(asOf, -rng.int(1, 120)), opinion: rng.weighted(OPINIONS) });
        }
        if (m.status !== 'project' && rng.chance(0.55)) links.push({ kind: 'contribution', from: m.id, to: ptsm.id });
        if (m.status !== 'project' && rng.chance(0.3)) {
          const priorities = (ptsm.priorities ?? PTSM_PRIORITIES) as readonly (typeof PTSM_PRIORITIES)[number][];
          links.push({ kind: 'declinaison', from: m.id, to: ptsm.id, priorities: rng.sample(priorities, rng.int(1, 3)) });
        }
      }
    }
  }

  for (const list of byKind.CLS) {
    for (const g of list) {
      const m = g.mechanism;
      const slot = pools.CLS[g.slot];
      const rng = gen.rngFor('links', m.id);
      let volet = false;
      for (const s of clsmSlotsMeeting(slot)) {
        const partner = clsmReplica(s, g.replica);
        if (!partner) continue;
        const roll = rng.float();
        const [pVolet, pArticulation] = s === slot.pairedClsm ? [0.5, 0.2] : [0.15, 0.15];
        if (roll < pVolet) {
          links.push({ kind: 'volet-sante-mentale', from: m.id, to: partner.mechanism.id });
          volet = true;
        } else if (roll < pVolet + pArticulation) {
          links.push({ kind: 'articulation', from: m.id, to: partner.mechanism.id, forms: forms(rng) });
        }
      }
      const mentalHealth = volet || m.mentalHealthComponent === true;
      for (const p of ptsmsFor(slot, g.replica)) {
        if (mentalHealth && rng.chance(0.65)) links.push({ kind: 'prise-en-compte', from: m.id, to: p.mechanism.id });
        if (rng.chance(0.12)) links.push({ kind: 'contribution', from: m.id, to: p.mechanism.id });
        if (mentalHealth && rng.chance(0.1)) {
          links.push({ kind: 'declinaison', from: m.id, to: p.mechanism.id, priorities: rng.sample(PTSM_PRIORITIES, rng.int(1, 2)) });
        }
      }
    }
  }

  for (const list of byKind.ASV) {
    for (const g of list) {
      const m = g.mechanism;
      const rng = gen.rngFor('links', m.id);
      for (const s of clsmSlotsMeeting(pools.ASV[g.slot])) {
        const partner = clsmReplica(s, g.replica);
        if (partner && rng.chance(0.6)) links.push({ kind: 'articulation', from: m.id, to: partner.mechanism.id, forms: forms(rng) });
      }
      for (const p of ptsmsFor(pools.ASV[g.slot], g.replica)) if (rng.chance(0.1)) links.push({ kind: 'contribution', from: m.id, to: p.mechanism.id });
    }
  }

  for (const list of byKind.CPTS) {
    for (const g of list) {
      const m = g.mechanism;
      const rng = gen.rngFor('links', m.id);
      for (const s of clsmSlotsMeeting(pools.CPTS[g.slot]).slice(0, 3)) {
        const partner = clsmReplica(s, g.replica);
        if (partner && rng.chance(0.15)) links.push({ kind: 'articulation', from: m.id, to: partner.mechanism.id, forms: ['coordination'] });
      }
      for (const p of ptsmsFor(pools.CPTS[g.slot], g.replica)) if (rng.chance(0.25)) links.push({ kind: 'contribution', from: m.id, to: p.mechanism.id });
    }
  }

  for (const list of byKind.DAC) {
    for (const g of list) {
      const m = g.mechanism;
      const rng = gen.rngFor('links', m.id);
      for (const s of clsmSlotsMeeting(pools.DAC[g.slot])) {
        const partner = clsmReplica(s, g.replica);
        const complex = partner && (partner.mechanism.themes?.includes('cas-complexes') || partner.mechanism.governance?.workingGroups?.some((w) => w.theme === 'cas-complexes'));
        if (partner && complex && rng.chance(0.35)) links.push({ kind: 'articulation', from: m.id, to: partner.mechanism.id, forms: ['coordination'] });
      }
      for (const p of ptsmsFor(pools.DAC[g.slot], g.replica)) if (rng.chance(0.5)) links.push({ kind: 'contribution', from: m.id, to: p.mechanism.id });
    }
  }
  return links;
}

// --- Entry points -------------------------------------------------------------------------

const KIND_ORDER: readonly MechanismKind[] = ['PTSM', 'DAC', 'CLSM', 'CLS', 'CPTS', 'ASV'];

/** A synthetic France-wide dataset; same seed and scale, same dataset. */
export function generateSyntheticDataset(territories: TerritoryIndex, options: SyntheticOptions): DatasetInput {
  const { scale, seed } = options;
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`synthetic: scale must be a positive number, got ${scale}`);
  const asOf = options.asOf ?? SYNTHETIC_AS_OF;
  const pools = buildPools(territories, seed);
  const gen = new Generator(seed, asOf);
  const byKind = Object.fromEntries(KIND_ORDER.map((k) => [k, pools[k].map(() => [] as Generated[])])) as Record<MechanismKind, Generated[][]>;
  const mechanisms: MechanismInput[] = [];
  // The CLSM (slot) whose territory hosts each ASV, if any.
  const asvHost = pools.ASV.map((slot) => pools.CLSM.findIndex((s) => s.perimeter.includes(slot.perimeter[0])));

  for (const kind of KIND_ORDER) {
    const pool = pools[kind];
    const count = Math.round(BASE_COUNTS[kind] * scale);
    for (let j = 0; j < count; j++) {
      const slotIndex = j % pool.length;
      const replica = Math.floor(j / pool.length);
      const slot = pool[slotIndex];
      const id = replica === 0 ? slot.key : `${slot.key}-r${replica + 1}`;
      const name = replica === 0 ? slot.name : `${slot.name} (${replica + 1})`;
      let mechanism: MechanismInput;
      switch (kind) {
        case 'PTSM':
          mechanism = gen.ptsm(slot, id, name);
          break;
        case 'DAC':
          mechanism = gen.dac(slot, id, name);
          break;
        case 'CLSM':
          mechanism = gen.clsm(slot, id, name);
          break;
        case 'CLS': {
          const paired = slot.pairedClsm !== undefined ? byKind.CLSM[slot.pairedClsm][replica] : undefined;
          mechanism = gen.cls(slot, id, name, paired?.mechanism.coordinators?.[0]?.person);
          break;
        }
        case 'CPTS':
          mechanism = gen.cpts(slot, id, name);
          break;
        case 'ASV': {
          const host = asvHost[slotIndex];
          const clsm = host >= 0 ? byKind.CLSM[host][replica] : undefined;
          mechanism = gen.asv(slot, id, name, clsm?.mechanism.coordinators?.[0]?.person);
          break;
        }
      }
      byKind[kind][slotIndex].push({ kind, slot: slotIndex, replica, mechanism });
      mechanisms.push(mechanism);
    }
  }

  const links = buildLinks(gen, pools, byKind);
  return {
    format: 'articulation/1',
    title: `Jeu synthétique France entière (échelle ${scale}, graine ${seed})`,
    scope: { departements: syntheticDepartements(territories) },
    mechanisms,
    people: gen.people,
    links,
  };
}

/** Generate and write a dataset as JSON; returns the dataset. */
export async function writeSyntheticDataset(path: string, territories: TerritoryIndex, options: SyntheticOptions): Promise<DatasetInput> {
  const { writeFileSync } = await import('node:fs');
  const dataset = generateSyntheticDataset(territories, options);
  writeFileSync(path, JSON.stringify(dataset, null, 1) + '\n');
  return dataset;
}

async function main(argv: string[]): Promise<void> {
  const arg = (name: string, fallback: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
  };
  const scale = Number(arg('scale', '1'));
  const seed = Number(arg('seed', '1'));
  const out = arg('out', '');
  const { loadTerritories } = await import('../server/territories.ts');
  const territories = loadTerritories();
  const dataset = out ? await writeSyntheticDataset(out, territories, { scale, seed }) : generateSyntheticDataset(territories, { scale, seed });
  const counts: Record<string, number> = {};
  for (const m of dataset.mechanisms ?? []) counts[m.kind] = (counts[m.kind] ?? 0) + 1;
  const summary = { scale, seed, mechanisms: counts, people: dataset.people?.length ?? 0, links: dataset.links?.length ?? 0 };
  if (out) console.error(`${out}: ${JSON.stringify(summary)}`);
  else process.stdout.write(JSON.stringify(dataset) + '\n');
}

if (typeof process !== 'undefined' && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
