// What rules read: the model seen at a reference date, with shared, memoised intersections.
// Intersections go through the model's perimeter classes (see graph.ts): their cost follows
// the distinct territories and the results, never the number of pairs of mechanisms.
import { avisChecklist, type AvisChecklist } from '../avis.ts';
import { isActiveAt, statusAt } from '../dates.ts';
import type { ArticulationModel, MechanismEntry, PerimeterClass } from '../graph.ts';
import type { MechanismKind, MechanismStatus } from '../vocabulary.ts';
import type { RuleSettings } from './types.ts';

export interface SharedPair {
  a: MechanismEntry;
  b: MechanismEntry;
  /** Shared base communes, ascending (shared between pairs: do not modify). */
  communes: readonly number[];
}

export interface DescribedCommunes {
  codes: string[];
  population: number;
  departements: string[];
}

const NONE: readonly MechanismEntry[] = [];

export class RuleContext {
  private readonly activeFlags: Uint8Array;
  private readonly activeByKind = new Map<MechanismKind, MechanismEntry[]>();
  private readonly activeMembersCache = new Map<string, readonly MechanismEntry[]>();
  private readonly pairCache = new Map<string, SharedPair[]>();
  private readonly coverageCache = new Map<MechanismKind, Uint8Array>();
  private readonly avisCache = new Map<string, AvisChecklist>();
  private readonly describedCache = new WeakMap<readonly number[], DescribedCommunes>();
  private avisPtsmCache: readonly MechanismEntry[] | undefined;
  private readonly touchedCache = new Map<MechanismKind, Set<string>>();

  constructor(
    readonly model: ArticulationModel,
    readonly asOf: string,
    readonly settings: RuleSettings,
  ) {
    this.activeFlags = new Uint8Array(model.entries.length);
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

  /** The status of a mechanism at the reference date (undefined: it did not exist yet), DOMAIN.md §4. */
  statusOf(entry: MechanismEntry): MechanismStatus | undefined {
    return statusAt(entry.mechanism, this.asOf);
  }

  /** In preparation at the reference date (`project`, DOMAIN.md §4). */
  inPreparation(entry: MechanismEntry): boolean {
    return this.statusOf(entry) === 'project';
  }

  /**
   * The PTSMs the avis of the CLSMs concern at the reference date: the active ones and those in
   * preparation (whose diagnostic may already be adopted). Memoised.
   */
  avisPtsms(): readonly MechanismEntry[] {
    this.avisPtsmCache ??= this.model.entries.filter((e) => e.mechanism.kind === 'PTSM' && (this.isActive(e) || this.inPreparation(e)));
    return this.avisPtsmCache;
  }

  /** Active mechanisms of a kind, in dataset order. */
  active(kind: MechanismKind): readonly MechanismEntry[] {
    return this.activeByKind.get(kind) ?? NONE;
  }

  /** Active members of a kind of a perimeter class. Memoised. */
  activeMembers(perimeterClass: PerimeterClass, kind: MechanismKind): readonly MechanismEntry[] {
    const key = `${perimeterClass.id}|${kind}`;
    let members = this.activeMembersCache.get(key);
    if (!members) {
      members = (perimeterClass.members.get(kind) ?? NONE).filter((e) => this.activeFlags[e.index] === 1);
      this.activeMembersCache.set(key, members.length ? members : NONE);
    }
    return members;
  }

  /**
   * Pairs of active mechanisms of kinds `kindA` and `kindB` that share communes, with the
   * shared communes. Memoised.
   */
  sharedPairs(kindA: MechanismKind, kindB: MechanismKind = kindA): readonly SharedPair[] {
    const key = `${kindA}|${kindB}`;
    const cached = this.pairCache.get(key);
    if (cached) return cached;
    const pairs: SharedPair[] = [];
    const seen = new Set<PerimeterClass>();
    for (const first of this.active(kindA)) {
      const p = first.perimeterClass;
      if (seen.has(p)) continue;
      seen.add(p);
      const as = this.activeMembers(p, kindA);
      for (const [q, communes] of this.model.classOverlaps(p)) {
        if (kindA === kindB && q.id < p.id) continue; // each class pair once
        const bs = this.activeMembers(q, kindB);
        if (bs.length === 0) continue;
        if (kindA === kindB && q === p) {
          for (let x = 0; x < as.length; x++) for (let y = x + 1; y < as.length; y++) pairs.push({ a: as[x], b: as[y], communes });
        } else {
          for (const a of as) for (const b of bs) pairs.push({ a, b, communes });
        }
      }
    }
    this.pairCache.set(key, pairs);
    return pairs;
  }

  /**
   * Mechanisms of `kind` whose perimeter meets `entry`'s (excluding `entry`): active ones by
   * default, or whatever their status and dates (e.g. a contract's predecessors and successors).
   */
  intersecting(entry: MechanismEntry, kind: MechanismKind, options: { activeOnly?: boolean } = {}): MechanismEntry[] {
    const out: MechanismEntry[] = [];
    for (const q of this.model.classOverlaps(entry.perimeterClass).keys()) {
      const members = options.activeOnly === false ? (q.members.get(kind) ?? NONE) : this.activeMembers(q, kind);
      for (const e of members) if (e !== entry) out.push(e);
    }
    return out;
  }

  /** True when a mechanism of `kind` in preparation at the reference date meets `entry`'s territory (its creation is under way there). */
  preparedOn(entry: MechanismEntry, kind: MechanismKind): boolean {
    return this.intersecting(entry, kind, { activeOnly: false }).some((e) => this.inPreparation(e));
  }

  /** For each base commune, 1 when an active mechanism of `kind` covers it. Memoised. */
  coverage(kind: MechanismKind): Uint8Array {
    let covered = this.coverageCache.get(kind);
    if (!covered) {
      covered = new Uint8Array(this.model.territories.communeCount);
      const done = new Set<PerimeterClass>();
      for (const e of this.active(kind)) {
        if (done.has(e.perimeterClass)) continue;
        done.add(e.perimeterClass);
        for (const c of e.perimeter) covered[c] = 1;
      }
      this.coverageCache.set(kind, covered);
    }
    return covered;
  }

  /**
   * A CLS has a mental-health component when it says so, or when an active CLSM is declared as
   * that component (a dormant or ended CLSM no longer plays the part).
   */
  hasMentalHealthComponent(cls: MechanismEntry): boolean {
    if (cls.mechanism.mentalHealthComponent === true) return true;
    return this.model.linksOf(cls.mechanism.id, 'out', 'volet-sante-mentale').some((l) => {
      const clsm = this.model.get(l.to);
      return clsm !== undefined && this.isActive(clsm);
    });
  }

  /** The départements an active mechanism of `kind` touches (one commune is enough). Memoised. */
  departementsTouched(kind: MechanismKind): ReadonlySet<string> {
    let touched = this.touchedCache.get(kind);
    if (!touched) {
      touched = new Set<string>();
      for (const e of this.active(kind)) for (const d of e.departements) touched.add(d);
      this.touchedCache.set(kind, touched);
    }
    return touched;
  }

  /** The avis checklist of a PTSM at the reference date. Memoised: several rules read it. */
  avis(ptsm: MechanismEntry): AvisChecklist {
    let checklist = this.avisCache.get(ptsm.mechanism.id);
    if (!checklist) {
      checklist = avisChecklist(this.model, ptsm.mechanism.id, this.asOf)!;
      this.avisCache.set(ptsm.mechanism.id, checklist);
    }
    return checklist;
  }

  /** Codes, total population and départements of a list of base communes. Memoised per list. */
  describeCommunes(communes: readonly number[]): DescribedCommunes {
    let described = this.describedCache.get(communes);
    if (!described) {
      const t = this.model.territories;
      described = { codes: communes.map((c) => t.codes[c]), population: t.populationOf(communes), departements: t.departementsOf(communes) };
      this.describedCache.set(communes, described);
    }
    return described;
  }

}
