// The articulation model: a graphology multigraph of mechanisms and people, each
// mechanism's perimeter normalised to base communes, and an index commune → perimeter classes
// so that intersections are found without comparing every pair.
//
// Mechanisms declared on the same territory (the same EPCI, the same département…) share one
// perimeter class. Intersections are computed between classes, once per model, then expanded
// to mechanisms: their cost follows the number of distinct territories, not the number of
// mechanisms stacked on them.
import { MultiDirectedGraph } from 'graphology';
import { withSafeKeys } from './safe-graph.ts';
import type { Dataset, Mechanism, Person, StoredLink } from './schema.ts';
import { intersectSorted, type TerritoryIndex } from './territory.ts';
import { slugify } from './text.ts';
import type { MechanismKind } from './vocabulary.ts';

export interface MechanismEntry {
  /** Dense index, used by the commune index. */
  index: number;
  mechanism: Mechanism;
  /** Sorted base-commune indices (shared with the other members of its class). */
  perimeter: Uint32Array;
  population: number;
  departements: readonly string[];
  /** Its perimeter class. */
  perimeterClass: PerimeterClass;
}

/** The mechanisms declared on one same territory. */
export interface PerimeterClass {
  id: number;
  communes: Uint32Array;
  population: number;
  departements: readonly string[];
  /** Members by kind, in dataset order. */
  members: Map<MechanismKind, MechanismEntry[]>;
  /** The départements its mechanisms count for (see `ArticulationModel.countedIn`); computed on demand. */
  countedIn?: readonly string[];
}

export type NodeAttributes =
  | { type: 'mechanism'; kind: MechanismKind; label: string }
  | { type: 'person'; label: string };
export type EdgeAttributes = { type: 'link'; link: StoredLink } | { type: 'coordination'; fte?: number };

export type ArticulationGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;

export class ArticulationModel {
  readonly entries: MechanismEntry[];
  readonly byId = new Map<string, MechanismEntry>();
  readonly people = new Map<string, Person>();
  readonly links: StoredLink[];
  readonly graph: ArticulationGraph = withSafeKeys(new MultiDirectedGraph());
  readonly classes: PerimeterClass[] = [];
  /** CSR index commune → perimeter classes, like the commune → mechanisms one. */
  private readonly classOffsets: Uint32Array;
  private readonly classIds: Uint32Array;
  private readonly overlapCache = new Map<number, ReadonlyMap<PerimeterClass, readonly number[]>>();
  /** Declared links as numeric pair keys of entry indices (see `linkedEntries`). */
  private readonly linkedPairs = new Set<number>();
  private readonly themeCache: (readonly string[] | undefined)[] = [];
  private scopeCache: readonly string[] | undefined;

  constructor(
    readonly dataset: Dataset & { links: StoredLink[] },
    readonly territories: TerritoryIndex,
  ) {
    const classByDeclaration = new Map<string, PerimeterClass>();
    this.entries = dataset.mechanisms.map((mechanism, index) => {
      const { communes = [], epci = [], departements = [] } = mechanism.territory;
      const key = `${[...communes].sort().join(',')}|${[...epci].sort().join(',')}|${[...departements].sort().join(',')}`;
      let perimeterClass = classByDeclaration.get(key);
      if (!perimeterClass) {
        const perimeter = territories.normalize(mechanism.territory).communes;
        perimeterClass = {
          id: this.classes.length,
          communes: perimeter,
          population: territories.populationOf(perimeter),
          departements: territories.departementsOf(perimeter),
          members: new Map(),
        };
        this.classes.push(perimeterClass);
        classByDeclaration.set(key, perimeterClass);
      }
      const entry: MechanismEntry = {
        index,
        mechanism,
        perimeter: perimeterClass.communes,
        population: perimeterClass.population,
        departements: perimeterClass.departements,
        perimeterClass,
      };
      const sameKind = perimeterClass.members.get(mechanism.kind);
      if (sameKind) sameKind.push(entry);
      else perimeterClass.members.set(mechanism.kind, [entry]);
      return entry;
    });
    for (const e of this.entries) {
      this.byId.set(e.mechanism.id, e);
      this.graph.addNode(e.mechanism.id, { type: 'mechanism', kind: e.mechanism.kind, label: e.mechanism.name });
    }
    for (const p of dataset.people) {
      this.people.set(p.id, p);
      this.graph.addNode(p.id, { type: 'person', label: p.label });
    }
    this.links = dataset.links;
    for (const link of this.links) {
      // Keys that cannot collide (link ids are free text) and do not depend on build order.
      this.graph.addDirectedEdgeWithKey(`link:${link.id}`, link.from, link.to, { type: 'link', link });
      const [from, to] = [this.byId.get(link.from), this.byId.get(link.to)];
      if (from && to) this.linkedPairs.add(this.pairIndex(from, to));
    }
    for (const e of this.entries) {
      for (const c of e.mechanism.coordinators ?? []) {
        this.graph.addDirectedEdgeWithKey(`coordination:${c.person}:${e.mechanism.id}`, c.person, e.mechanism.id, { type: 'coordination', fte: c.fte });
      }
    }
    [this.classOffsets, this.classIds] = buildCommuneIndex(this.classes.map((c) => c.communes), territories.communeCount);
  }

  /** Number of (mechanism, commune) incidences. */
  get incidenceCount(): number {
    return this.entries.reduce((sum, e) => sum + e.perimeter.length, 0);
  }

  get(id: string): MechanismEntry | undefined {
    return this.byId.get(id);
  }

  /** Display name of a mechanism or a person (for texts); the id itself when unknown. */
  readonly nameOf = (id: string): string => this.byId.get(id)?.mechanism.name ?? this.people.get(id)?.label ?? id;

  /** True when any declared link joins a and b, in either direction. */
  linkedEntries(a: MechanismEntry, b: MechanismEntry): boolean {
    return this.linkedPairs.has(this.pairIndex(a, b));
  }

  private pairIndex(a: MechanismEntry, b: MechanismEntry): number {
    return a.index < b.index ? a.index * this.entries.length + b.index : b.index * this.entries.length + a.index;
  }

  /** Declared links leaving (`out`) or reaching (`in`) a mechanism, optionally of one kind. */
  linksOf(id: string, direction: 'out' | 'in' | 'both' = 'both', kind?: StoredLink['kind']): StoredLink[] {
    if (!this.graph.hasNode(id)) return [];
    const edges = direction === 'out' ? this.graph.outEdges(id) : direction === 'in' ? this.graph.inEdges(id) : this.graph.edges(id);
    const out: StoredLink[] = [];
    for (const edge of edges) {
      const attrs = this.graph.getEdgeAttributes(edge);
      if (attrs.type === 'link' && (kind === undefined || attrs.link.kind === kind)) out.push(attrs.link);
    }
    return out;
  }

  /**
   * The perimeter classes sharing communes with `of` (itself included), each with the shared
   * base communes in ascending order. Memoised: computed once per class and model.
   */
  classOverlaps(of: PerimeterClass): ReadonlyMap<PerimeterClass, readonly number[]> {
    let overlaps = this.overlapCache.get(of.id);
    if (!overlaps) {
      const map = new Map<PerimeterClass, number[]>();
      for (const c of of.communes) {
        for (let k = this.classOffsets[c]; k < this.classOffsets[c + 1]; k++) {
          const other = this.classes[this.classIds[k]];
          const shared = map.get(other);
          if (shared) shared.push(c);
          else map.set(other, [c]);
        }
      }
      this.overlapCache.set(of.id, (overlaps = map));
    }
    return overlaps;
  }

  /**
   * Themes a mechanism works on: its `themes` and its working groups' themes, slugified
   * ("Cas complexes" → "cas-complexes") and deduplicated, in order of appearance. Memoised.
   */
  themes(entry: MechanismEntry): readonly string[] {
    let themes = this.themeCache[entry.index];
    if (themes === undefined) themes = this.themeCache[entry.index] = mechanismThemes(entry.mechanism);
    return themes;
  }

  /**
   * The départements a mechanism counts for when the dataset declares no scope (docs/format.md, « Le document »):
   * those its territory lists, or else its main département, the one holding the largest share
   * of its perimeter's population (ties: more communes, then the lower code). One commune of a
   * neighbouring département inside a CPTS does not make it count there. Memoised per territory.
   */
  countedIn(entry: MechanismEntry): readonly string[] {
    const perimeterClass = entry.perimeterClass;
    if (perimeterClass.countedIn) return perimeterClass.countedIn;
    const listed = entry.mechanism.territory.departements ?? [];
    let counted: readonly string[];
    if (listed.length > 0) counted = [...new Set(listed.filter((d) => this.territories.isDepartement(d)))].sort();
    else if (perimeterClass.departements.length <= 1) counted = perimeterClass.departements;
    else {
      const t = this.territories;
      const share = new Map<string, { population: number; communes: number }>();
      for (const c of perimeterClass.communes) {
        const d = t.departementOf[c];
        const s = share.get(d);
        if (s) {
          s.population += t.population[c];
          s.communes++;
        } else share.set(d, { population: t.population[c], communes: 1 });
      }
      let best: string | undefined;
      for (const [d, s] of share) {
        const b = best === undefined ? undefined : share.get(best)!;
        if (!b || s.population > b.population || (s.population === b.population && (s.communes > b.communes || (s.communes === b.communes && d < best!)))) best = d;
      }
      counted = best === undefined ? [] : [best];
    }
    return (perimeterClass.countedIn = counted);
  }

  /**
   * The départements the dataset describes (docs/format.md, « Le document », `scope`): its `scope` (départements and
   * the départements of its régions) when it declares one, otherwise every département a
   * mechanism counts for, whatever its status. Sorted. Memoised.
   */
  scopeDepartements(): readonly string[] {
    if (this.scopeCache) return this.scopeCache;
    const t = this.territories;
    const declared = this.dataset.scope;
    const set = new Set<string>();
    if (declared && ((declared.departements?.length ?? 0) > 0 || (declared.regions?.length ?? 0) > 0)) {
      for (const d of declared.departements ?? []) set.add(d);
      for (const r of declared.regions ?? []) for (const d of t.departementsOfRegion(r)) set.add(d);
    } else {
      for (const e of this.entries) for (const d of this.countedIn(e)) set.add(d);
    }
    return (this.scopeCache = [...set].sort());
  }

  /** Shared base communes of two mechanisms. */
  sharedCommunes(a: MechanismEntry, b: MechanismEntry): number[] {
    const out: number[] = [];
    intersectSorted(a.perimeter, b.perimeter, out);
    return out;
  }
}

/** The départements two mechanisms have in common (where a finding about both applies). */
/**
 * Themes a mechanism works on: its `themes` and its working groups' themes, slugified ("Cas
 * complexes" → "cas-complexes") and deduplicated, in order of appearance. The one reading of a
 * mechanism's themes (the model, the theme matrix, the lists' theme filter).
 */
export function mechanismThemes(mechanism: Pick<Mechanism, 'themes' | 'governance'>): string[] {
  const set = new Set<string>();
  for (const t of mechanism.themes ?? []) set.add(slugify(t));
  for (const g of mechanism.governance?.workingGroups ?? []) set.add(slugify(g.theme));
  set.delete('');
  return [...set];
}

export function commonDepartements(a: MechanismEntry, b: MechanismEntry): readonly string[] {
  if (a.departements === b.departements) return a.departements; // same territory: share its (immutable) list
  return a.departements.filter((d) => b.departements.includes(d));
}

/** CSR index commune → positions in `perimeters` (each a sorted list of base communes). */
function buildCommuneIndex(perimeters: readonly Uint32Array[], communeCount: number): [Uint32Array, Uint32Array] {
  const offsets = new Uint32Array(communeCount + 1);
  for (const p of perimeters) for (const c of p) offsets[c + 1]++;
  for (let c = 0; c < communeCount; c++) offsets[c + 1] += offsets[c];
  const values = new Uint32Array(offsets[communeCount]);
  const cursor = offsets.slice(0, communeCount);
  perimeters.forEach((p, i) => {
    for (const c of p) values[cursor[c]++] = i;
  });
  return [offsets, values];
}
