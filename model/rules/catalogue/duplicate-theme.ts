import { commonDepartements, type MechanismEntry, type PerimeterClass } from '../../graph.ts';
import { COMPLEX_CASES_THEME, THEMES } from '../../vocabulary.ts';
import type { Rule } from '../types.ts';
import { capitalize, leadingKind, ofName, theName } from '../../text.ts';

/** Theme id → « label », built once per theme. */
const QUOTED = new Map(THEMES.map((t) => [t.id, `« ${t.label} »`]));
const quote = (id: string) => QUOTED.get(id) ?? `« ${id} »`;
const quoted = (themes: readonly string[]) => (themes.length === 1 ? quote(themes[0]) : themes.map(quote).join(', '));

/** The shared themes, sorted; `theme` is the first (kept for clients reading one theme). */
type ThemeData = { theme: string; themes: string[] };

/** A mechanism with themes, and its themes as sorted numbers (see `check`). */
interface Themed {
  entry: MechanismEntry;
  codes: number[];
}

export const rule: Rule<ThemeData> = {
  id: 'duplicate-theme',
  category: 'redundancy',
  defaultSeverity: 'warning',
  reference: 'Instruction DGS/SP4/2025/8, annexe 1 §8 (éviter les redondances) et annexe 2',
  docs: {
    title: 'Même thème travaillé deux fois sans lien',
    what: 'Deux dispositifs actifs dont les territoires se recoupent travaillent sur le même thème (thèmes déclarés ou thèmes de leurs groupes de travail, comparés sans accents ni majuscules), sans qu’aucun lien ne les relie. Les PTSM ne sont pas comptés : leurs thèmes ont vocation à être déclinés localement (liens « déclinaison » et « contribution »).',
    why: 'Le référentiel national demande de garantir la cohérence des actions et d’éviter les redondances, en partageant diagnostics et feuilles de route : deux groupes de travail sur le même sujet et le même territoire mobilisent deux fois les mêmes partenaires.',
    fix: 'Prendre contact entre coordinations, se répartir le travail ou mutualiser le groupe, et enregistrer l’articulation entre les deux dispositifs.',
  },
  *check(ctx) {
    const model = ctx.model;
    // Themes become small numbers, numbered in alphabetical order, so that two mechanisms'
    // shared themes are a merge of two short sorted lists and come out sorted.
    const candidates: MechanismEntry[] = [];
    const names = new Set<string>();
    for (const e of model.entries) {
      // A PTSM's themes are declined locally by design: not a duplicate.
      if (!ctx.isActive(e) || e.mechanism.kind === 'PTSM') continue;
      const themes = model.themes(e);
      if (themes.length === 0) continue;
      candidates.push(e);
      for (const t of themes) names.add(t);
    }
    const sorted = [...names].sort();
    const code = new Map(sorted.map((t, i) => [t, i]));
    const complexCases = code.get(COMPLEX_CASES_THEME) ?? -1;
    const byClass = new Map<PerimeterClass, Themed[]>();
    for (const entry of candidates) {
      const themed = { entry, codes: model.themes(entry).map((t) => code.get(t)!).sort((x, y) => x - y) };
      const members = byClass.get(entry.perimeterClass);
      if (members) members.push(themed);
      else byClass.set(entry.perimeterClass, [themed]);
    }
    // One data object per set of shared themes: most pairs share the same one or two themes.
    const single = sorted.map((theme): ThemeData => ({ theme, themes: [theme] }));
    const several = new Map<string, ThemeData>();
    const data = (shared: readonly number[]): ThemeData => {
      if (shared.length === 1) return single[shared[0]];
      const key = shared.join(',');
      let d = several.get(key);
      if (!d) {
        const themes = shared.map((c) => sorted[c]);
        several.set(key, (d = { theme: themes[0], themes }));
      }
      return d;
    };
    const shared: number[] = [];
    // Classes meet through the model's memoised class overlaps: the cost is the pairs of
    // themed mechanisms on overlapping territories, never all pairs of mechanisms.
    for (const [p, as] of byClass) {
      for (const q of model.classOverlaps(p).keys()) {
        if (q.id < p.id) continue;
        const bs = byClass.get(q);
        if (!bs) continue;
        for (let x = 0; x < as.length; x++) {
          for (let y = q === p ? x + 1 : 0; y < bs.length; y++) {
            let [a, b] = [as[x], bs[y]];
            sharedCodes(a.codes, b.codes, shared);
            if (shared.length === 0) continue;
            const elsewhere = reportedElsewhere(a.entry, b.entry);
            if (elsewhere === 'all') continue;
            if (elsewhere === 'complex-cases') {
              const at = shared.indexOf(complexCases);
              if (at >= 0) shared.splice(at, 1);
              if (shared.length === 0) continue;
            }
            if (model.linkedEntries(a.entry, b.entry)) continue;
            if (a.entry.index > b.entry.index) [a, b] = [b, a];
            const [from, to] = [a.entry.mechanism.id, b.entry.mechanism.id];
            yield {
              subjects: [from, to],
              link: { kind: 'articulation', from, to },
              departements: commonDepartements(a.entry, b.entry),
              data: data(shared),
            };
          }
        }
      }
    }
  },
  describe(f, name) {
    const [x, y] = f.subjects.map(name);
    const { themes } = f.data;
    const listed = quoted(themes);
    const feminine = leadingKind(x) === 'CPTS' && leadingKind(y) === 'CPTS';
    return {
      message: `${capitalize(theName(x))} et ${theName(y)} travaillent ${feminine ? 'toutes' : 'tous'} deux sur ${themes.length > 1 ? 'les thèmes' : 'le thème'} ${listed}, sur des territoires qui se recoupent, sans lien déclaré entre ${feminine ? 'elles' : 'eux'}.`,
      fix: `Coordonner le travail ${ofName(x)} et ${ofName(y)} sur ${listed} et enregistrer leur articulation.`,
    };
  },
};

/** The common elements of two ascending lists of numbers, into `out`. */
function sharedCodes(a: readonly number[], b: readonly number[], out: number[]): void {
  out.length = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] < b[j]) i++;
    else if (a[i] > b[j]) j++;
    else {
      out.push(a[i]);
      i++;
      j++;
    }
  }
}

/**
 * Unlinked pairs a more specific rule already reports, with the link that resolves them:
 * CLS–CLSM (cls-clsm-unlinked) and ASV–CLSM (asv-clsm-unlinked) whatever the theme, and a
 * CLSM's complex-cases cell inside a DAC (clsm-dac-complex-cases) for that theme. Reporting
 * them twice would only add noise.
 */
function reportedElsewhere(a: MechanismEntry, b: MechanismEntry): 'all' | 'complex-cases' | undefined {
  const [x, y] = [a.mechanism.kind, b.mechanism.kind];
  const other = x === 'CLSM' ? y : y === 'CLSM' ? x : undefined;
  return other === 'CLS' || other === 'ASV' ? 'all' : other === 'DAC' ? 'complex-cases' : undefined;
}
