// What rules read: the model seen at a reference date, with the shared, memoised
// intersections (computed once per run through the commune index, never pair by pair).
import { isActiveAt } from '../dates.ts';
import type { ArticulationModel, MechanismEntry } from '../graph.ts';
import { slugify } from '../text.ts';
import type { MechanismKind } from '../vocabulary.ts';
import type { RuleSettings } from './types.ts';

export interface SharedPair {
  a: MechanismEntry;
  b: MechanismEntry;
  /** Shared base communes, ascending. */
  communes: number[];
}

/** Base communes covered by exactly the same set of (at least two) active mechanisms. */
export interface ActiveCell {
  /** The active mechanisms covering every commune of the cell, in dataset order. */
  members: MechanismEntry[];
  /** Its base communes, ascending. */
  communes: number[];
}

export class RuleContext {
  private readonly activeFlags: Uint8Array;
  private readonly activeByKind = new Map<MechanismKind, MechanismEntry[]>();
  private readonly pairCache = new Map<string, SharedPair[]>();
  private readonly coverageCache = new Map<MechanismKind, Uint8Array>();
  private readonly stamp: Uint32Array;
  private stampValue = 0;

  constructor(
    readonly model: ArticulationModel,
    readonly asOf: string,
    readonly settings: RuleSettings,
  ) {
    this.activeFlags = new Uint8Array(model.entries.length);
    this.stamp = new Uint32Array(model.entries.length);
    for (const e of model.entries) {
      if (!isActiveAt(e.mechanism, asOf)) continue;
      this.activeFlags[e.index] = 1;
      const list = this.activeByKind.get(e.mechanism.kind);
      if (list) list.push(e);
      else this.activeByKind.set(e.mechanism.kind, [e]);
    }
  }

  isActive(entry: MechanismEntry): boolean {
    return this.activeFlags[entry.index] === 1;
  }

  /** Active mechanisms of a kind, in dataset order. */
  active(kind: MechanismKind): readonly MechanismEntry[] {
    return this.activeByKind.get(kind) ?? [];
  }

  /**
   * Pairs of active mechanisms of kinds `kindA` and `kindB` that share communes, with the
   * shared communes. Built commune by commune: the cost is the number of (pair, commune)
   * results, not the number of pairs of mechanisms.
   */
  sharedPairs(kindA: MechanismKind, kindB: MechanismKind = kindA): readonly SharedPair[] {
    const key = `${kindA}|${kindB}`;
    const cached = this.pairCache.get(key);
    if (cached) return cached;
    const model = this.model;
    const pairs = new Map<number, SharedPair>();
    const n = model.entries.length;
    const list: SharedPair[] = [];
    const as: MechanismEntry[] = [];
    const bs: MechanismEntry[] = [];
    for (let c = 0; c < model.territories.communeCount; c++) {
      const here = model.mechanismsAt(c);
      if (here.length < 2) continue;
      as.length = 0;
      bs.length = 0;
      for (const i of here) {
        if (this.activeFlags[i] !== 1) continue;
        const e = model.entries[i];
        if (e.mechanism.kind === kindA) as.push(e);
        else if (e.mechanism.kind === kindB) bs.push(e);
      }
      const others = kindA === kindB ? as : bs;
      for (let x = 0; x < as.length; x++) {
        for (let y = kindA === kindB ? x + 1 : 0; y < others.length; y++) {
          const a = as[x];
          const b = others[y];
          const id = a.index * n + b.index;
          let pair = pairs.get(id);
          if (!pair) {
            pair = { a, b, communes: [] };
            pairs.set(id, pair);
            list.push(pair);
          }
          pair.communes.push(c);
        }
      }
    }
    this.pairCache.set(key, list);
    return list;
  }

  /** Active mechanisms of `kind` whose perimeter meets `entry`'s (excluding `entry`). */
  intersecting(entry: MechanismEntry, kind: MechanismKind): MechanismEntry[] {
    const mark = ++this.stampValue;
    const out: MechanismEntry[] = [];
    for (const c of entry.perimeter) {
      for (const i of this.model.mechanismsAt(c)) {
        if (this.stamp[i] === mark || i === entry.index || this.activeFlags[i] !== 1) continue;
        this.stamp[i] = mark;
        const e = this.model.entries[i];
        if (e.mechanism.kind === kind) out.push(e);
      }
    }
    return out;
  }

  /**
   * Mechanisms of `kind` whose perimeter meets `entry`'s, whatever their status and dates
   * (excluding `entry`): e.g. a contract's predecessors and successors.
   */
  intersectingAll(entry: MechanismEntry, kind: MechanismKind): MechanismEntry[] {
    const mark = ++this.stampValue;
    const out: MechanismEntry[] = [];
    for (const c of entry.perimeter) {
      for (const i of this.model.mechanismsAt(c)) {
        if (this.stamp[i] === mark || i === entry.index) continue;
        this.stamp[i] = mark;
        const e = this.model.entries[i];
        if (e.mechanism.kind === kind) out.push(e);
      }
    }
    return out;
  }

  /** For each base commune, 1 when an active mechanism of `kind` covers it. */
  coverage(kind: MechanismKind): Uint8Array {
    let covered = this.coverageCache.get(kind);
    if (!covered) {
      covered = new Uint8Array(this.model.territories.communeCount);
      for (const e of this.active(kind)) for (const c of e.perimeter) covered[c] = 1;
      this.coverageCache.set(kind, covered);
    }
    return covered;
  }

  private themeCache: (readonly string[] | undefined)[] | undefined;
  /** Free text → slug: the same few themes recur on thousands of mechanisms. */
  private readonly slugCache = new Map<string, string>();

  /**
   * Themes a mechanism works on: its `themes` and its working groups' themes, slugified
   * ("Cas complexes" → "cas-complexes") and deduplicated, in order of appearance. Memoised.
   */
  themes(entry: MechanismEntry): readonly string[] {
    const cache = (this.themeCache ??= new Array<readonly string[] | undefined>(this.model.entries.length));
    let themes = cache[entry.index];
    if (themes === undefined) {
      const set = new Set<string>();
      for (const t of entry.mechanism.themes ?? []) set.add(this.slug(t));
      for (const g of entry.mechanism.governance?.workingGroups ?? []) set.add(this.slug(g.theme));
      set.delete('');
      themes = cache[entry.index] = [...set];
    }
    return themes;
  }

  private slug(text: string): string {
    let slug = this.slugCache.get(text);
    if (slug === undefined) this.slugCache.set(text, (slug = slugify(text)));
    return slug;
  }

  private cellCache: ActiveCell[] | undefined;

  /**
   * The communes covered by at least two active mechanisms, grouped by the exact set of those
   * mechanisms. Rules looking for mechanisms that meet somewhere walk the cells, not the
   * communes: a département-wide PTSM and DAC meet once per cell instead of once per commune.
   * One pass over the incidences (consecutive communes often share their set; otherwise a
   * hash of the set, checked member by member). Memoised.
   */
  activeCells(): readonly ActiveCell[] {
    if (this.cellCache) return this.cellCache;
    const { communeOffsets, communeMechanisms, entries } = this.model;
    const cells: ActiveCell[] = [];
    const cellIds: Uint32Array[] = [];
    const byHash = new Map<number, number[]>();
    // The active mechanisms of the current commune: ids[0 .. count).
    const ids = new Uint32Array(entries.length);
    let count = 0;
    const sameAs = (cell: number) => {
      const other = cellIds[cell];
      if (other.length !== count) return false;
      for (let k = 0; k < count; k++) if (other[k] !== ids[k]) return false;
      return true;
    };
    let previous = -1;
    for (let c = 0; c < this.model.territories.communeCount; c++) {
      const from = communeOffsets[c];
      const to = communeOffsets[c + 1];
      if (to - from < 2) continue;
      count = 0;
      let hash = 0x811c9dc5;
      for (let k = from; k < to; k++) {
        const i = communeMechanisms[k];
        if (this.activeFlags[i] !== 1) continue;
        ids[count++] = i;
        hash = Math.imul(hash ^ i, 0x01000193);
      }
      if (count < 2) continue;
      let cell = previous !== -1 && sameAs(previous) ? previous : -1;
      if (cell === -1) {
        const candidates = byHash.get(hash);
        if (candidates) for (const candidate of candidates) if (sameAs(candidate)) cell = candidate;
        if (cell === -1) {
          cell = cells.length;
          const members = ids.slice(0, count);
          cellIds.push(members);
          cells.push({ members: Array.from(members, (i) => entries[i]), communes: [] });
          if (candidates) candidates.push(cell);
          else byHash.set(hash, [cell]);
        }
      }
      cells[cell].communes.push(c);
      previous = cell;
    }
    return (this.cellCache = cells);
  }

  /** Codes and total population of a list of base communes. */
  describeCommunes(communes: readonly number[]): { codes: string[]; population: number; departements: string[] } {
    const t = this.model.territories;
    return { codes: communes.map((c) => t.codes[c]), population: t.populationOf(communes), departements: t.departementsOf(communes) };
  }

  /** Display name of a mechanism or person, for messages. */
  name(id: string): string {
    return this.model.get(id)?.mechanism.name ?? this.model.people.get(id)?.label ?? id;
  }
}
