// Who works on what, where: the theme matrix of a territory (themes × mechanisms) and the pairs of
// active mechanisms on the same theme whose territories meet, linked or not — the question « who
// else works on housing on my territory? ». Pure. Themes are read by `mechanismThemes` (graph.ts).
import { isActiveAt } from './dates.ts';
import type { ArticulationModel, MechanismEntry, PerimeterClass } from './graph.ts';
import { mechanismAt, type MechanismAt } from './places.ts';
import { MECHANISM_KINDS, THEMES, themeLabel, type MechanismKind } from './vocabulary.ts';

export interface ThemeMatrixOptions {
  asOf: string;
  /** The territory: mechanisms touching these départements (and those of these régions); none: France. */
  departements?: readonly string[];
  regions?: readonly string[];
  /** Instead of a territory: the mechanisms whose territory meets this one's (itself included). */
  mechanism?: string;
  /** Keep the mechanisms working on this theme, and the pairs sharing it. */
  theme?: string;
  /** Pairs returned, the most shared population first (default 500; `pairsTotal` counts them all). */
  pairsLimit?: number;
}

export interface ThemeColumn {
  id: string;
  label: string;
  /** In the vocabulary the product ships (the others were added by users). */
  shipped: boolean;
  /** Mechanisms listed that work on it, and how many of them are active. */
  mechanisms: number;
  active: number;
}

export type ThemeMechanism = MechanismAt;

export interface ThemePair {
  a: string;
  b: string;
  /** The themes both work on (in the columns' order). */
  themes: string[];
  /** A declared link joins them (either way). */
  linked: boolean;
  sharedCommunes: number;
  sharedPopulation: number;
}

export interface ThemeMatrix {
  asOf: string;
  /** The mechanism whose surroundings were asked for. */
  around?: { id: string; name: string; kind: MechanismKind };
  themes: ThemeColumn[];
  /** Mechanisms with at least one theme (kept by the filters), by kind then name. */
  mechanisms: ThemeMechanism[];
  /** Mechanisms of the territory that declare no theme. */
  withoutTheme: number;
  pairs: ThemePair[];
  pairsTotal: number;
}

export const DEFAULT_PAIRS_LIMIT = 500;

const SHIPPED = new Map(THEMES.map((t, i) => [t.id, i]));

/** Shipped themes in the vocabulary's order, then the others alphabetically. */
export function compareThemes(a: string, b: string): number {
  const [x, y] = [SHIPPED.get(a), SHIPPED.get(b)];
  if (x !== undefined && y !== undefined) return x - y;
  if (x !== undefined || y !== undefined) return x !== undefined ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Undefined when `options.mechanism` is not a mechanism of the model. */
export function themeMatrix(model: ArticulationModel, options: ThemeMatrixOptions): ThemeMatrix | undefined {
  const { asOf, theme } = options;
  const selected = selectEntries(model, options);
  if (!selected) return undefined;
  let withoutTheme = 0;
  const listed: MechanismEntry[] = [];
  for (const e of selected) {
    const themes = model.themes(e);
    if (themes.length === 0) withoutTheme++;
    else if (theme === undefined || themes.includes(theme)) listed.push(e);
  }
  const kindOrder = (k: MechanismKind) => MECHANISM_KINDS.indexOf(k);
  listed.sort((a, b) => kindOrder(a.mechanism.kind) - kindOrder(b.mechanism.kind) || a.mechanism.name.localeCompare(b.mechanism.name, 'fr') || a.index - b.index);
  const columns = new Map<string, ThemeColumn>();
  const mechanisms = listed.map((e) => {
    const at = mechanismAt(model, e, asOf);
    const themes = [...at.themes].sort(compareThemes);
    for (const id of themes) {
      let column = columns.get(id);
      if (!column) columns.set(id, (column = { id, label: themeLabel(id), shipped: SHIPPED.has(id), mechanisms: 0, active: 0 }));
      column.mechanisms++;
      if (at.active) column.active++;
    }
    return { ...at, themes };
  });
  const around = options.mechanism !== undefined ? model.get(options.mechanism)!.mechanism : undefined;
  // Around a mechanism, the pairs it is part of: who else works on its themes there.
  const pairs = themePairs(model, listed.filter((e) => isActiveAt(e.mechanism, asOf)), theme).filter((p) => !around || p.a === around.id || p.b === around.id);
  return {
    asOf,
    ...(around ? { around: { id: around.id, name: around.name, kind: around.kind } } : {}),
    themes: [...columns.values()].sort((a, b) => compareThemes(a.id, b.id)),
    mechanisms,
    withoutTheme,
    pairs: pairs.slice(0, options.pairsLimit ?? DEFAULT_PAIRS_LIMIT),
    pairsTotal: pairs.length,
  };
}

/** The mechanisms of the territory (touching its départements), or those meeting a mechanism's territory. */
function selectEntries(model: ArticulationModel, options: ThemeMatrixOptions): MechanismEntry[] | undefined {
  if (options.mechanism !== undefined) {
    const centre = model.get(options.mechanism);
    if (!centre) return undefined;
    const out: MechanismEntry[] = [];
    for (const q of model.classOverlaps(centre.perimeterClass).keys()) for (const members of q.members.values()) for (const e of members) out.push(e);
    // Itself, even on an empty or unknown territory.
    if (!out.includes(centre)) out.push(centre);
    return out;
  }
  const scope = new Set(options.departements ?? []);
  for (const r of options.regions ?? []) for (const d of model.territories.departementsOfRegion(r)) scope.add(d);
  return model.entries.filter((e) => scope.size === 0 || e.departements.some((d) => scope.has(d)));
}

/** Pairs of the given (active) mechanisms whose territories meet and who share a theme (`theme`, if given). */
function themePairs(model: ArticulationModel, entries: readonly MechanismEntry[], theme: string | undefined): ThemePair[] {
  const byClass = new Map<PerimeterClass, MechanismEntry[]>();
  for (const e of entries) {
    const list = byClass.get(e.perimeterClass);
    if (list) list.push(e);
    else byClass.set(e.perimeterClass, [e]);
  }
  const t = model.territories;
  const pairs: ThemePair[] = [];
  for (const [p, as] of byClass) {
    for (const [q, shared] of model.classOverlaps(p)) {
      if (q.id < p.id) continue; // each pair of classes once
      const bs = byClass.get(q);
      if (!bs) continue;
      let population: number | undefined;
      for (let x = 0; x < as.length; x++) {
        for (let y = q === p ? x + 1 : 0; y < bs.length; y++) {
          const [a, b] = as[x].index < bs[y].index ? [as[x], bs[y]] : [bs[y], as[x]];
          const other = model.themes(b);
          const themes = model.themes(a).filter((id) => other.includes(id) && (theme === undefined || id === theme));
          if (themes.length === 0) continue;
          population ??= t.populationOf(shared);
          pairs.push({ a: a.mechanism.id, b: b.mechanism.id, themes: themes.sort(compareThemes), linked: model.linkedEntries(a, b), sharedCommunes: shared.length, sharedPopulation: population });
        }
      }
    }
  }
  const nameOf = (id: string) => model.nameOf(id);
  return pairs.sort((x, y) => y.sharedPopulation - x.sharedPopulation || nameOf(x.a).localeCompare(nameOf(y.a), 'fr') || nameOf(x.b).localeCompare(nameOf(y.b), 'fr'));
}
