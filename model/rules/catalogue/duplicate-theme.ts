import { commonDepartements, type MechanismEntry, type PerimeterClass } from '../../graph.ts';
import { COMPLEX_CASES_THEME, THEMES, type MechanismKind } from '../../vocabulary.ts';
import type { Rule } from '../types.ts';
import { capitalize, leadingKind, ofName, theName } from '../../text.ts';

/** Theme id → « label », built once per theme. */
const QUOTED = new Map(THEMES.map((t) => [t.id, `« ${t.label} »`]));
const quote = (id: string) => QUOTED.get(id) ?? `« ${id} »`;
const quoted = (themes: readonly string[]) => (themes.length === 1 ? quote(themes[0]) : themes.map(quote).join(', '));

/** The shared themes, sorted; `theme` is the first (kept for clients reading one theme). */
type ThemeData = { theme: string; themes: string[] };

/** A mechanism with themes, and its themes as a bit set (see `check`). */
interface Themed {
  entry: MechanismEntry;
  themes: Uint32Array;
}

export const rule: Rule<ThemeData> = {
  id: 'duplicate-theme',
  category: 'redundancy',
  basis: 'referentiel',
  facts: ['territory', 'status', 'themes', 'governance', 'links'],
  defaultSeverity: 'warning',
  reference: 'Instruction DGS/SP4/2025/8, annexe 1 §8 (éviter les redondances) et annexe 2',
  docs: {
    title: 'Même thème travaillé deux fois sans lien',
    what: 'Deux dispositifs actifs dont les territoires se recoupent travaillent sur le même thème (thèmes déclarés ou thèmes de leurs groupes de travail, comparés sans accents ni majuscules), sans qu’aucun lien ne les relie. Les PTSM ne sont pas comptés : leurs thèmes ont vocation à être déclinés localement (liens « déclinaison » et « contribution »). Deux dispositifs du même type (deux CLSM, deux CPTS…) relèvent des règles de chevauchement, et les paires CLS–CLSM et ASV–CLSM des règles de liens manquants.',
    why: 'Le référentiel national demande de garantir la cohérence des actions et d’éviter les redondances, en partageant diagnostics et feuilles de route : deux groupes de travail sur le même sujet et le même territoire mobilisent deux fois les mêmes partenaires.',
    fix: 'Prendre contact entre coordinations, se répartir le travail ou mutualiser le groupe, et enregistrer l’articulation entre les deux dispositifs.',
  },
  *check(ctx) {
    const model = ctx.model;
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
    // Theme sets become bit sets (32 themes a word; one word with the national vocabulary),
    // themes numbered in alphabetical order: two mechanisms' shared themes are an AND, and
    // come out sorted.
    const sorted = [...names].sort();
    const bit = new Map(sorted.map((t, i) => [t, i]));
    const words = Math.max(1, Math.ceil(sorted.length / 32));
    const themeSet = (themes: readonly string[]) => {
      const set = new Uint32Array(words);
      for (const t of themes) {
        const i = bit.get(t)!;
        set[i >> 5] |= 1 << (i & 31);
      }
      return set;
    };
    const complexCases = themeSet(names.has(COMPLEX_CASES_THEME) ? [COMPLEX_CASES_THEME] : []);
    const byClass = new Map<PerimeterClass, Themed[]>();
    for (const entry of candidates) {
      const themed = { entry, themes: themeSet(model.themes(entry)) };
      const members = byClass.get(entry.perimeterClass);
      if (members) members.push(themed);
      else byClass.set(entry.perimeterClass, [themed]);
    }
    // One data object per set of shared themes: most pairs share the same one or two themes.
    const dataBySet = new Map<number | string, ThemeData>();
    const data = (shared: Uint32Array): ThemeData => {
      const key = words === 1 ? shared[0] : shared.join(',');
      let d = dataBySet.get(key);
      if (!d) {
        const themes = sorted.filter((_, i) => (shared[i >> 5] & (1 << (i & 31))) !== 0);
        dataBySet.set(key, (d = { theme: themes[0], themes }));
      }
      return d;
    };
    const shared = new Uint32Array(words);
    // Classes meet through the model's memoised class overlaps: the cost is the pairs of
    // themed mechanisms on overlapping territories, never all pairs of mechanisms.
    for (const [p, as] of byClass) {
      for (const q of model.classOverlaps(p).keys()) {
        if (q.id < p.id) continue;
        const bs = byClass.get(q);
        if (!bs) continue;
        for (let x = 0; x < as.length; x++) {
          for (let y = q === p ? x + 1 : 0; y < bs.length; y++) {
            let a = as[x].entry;
            let b = bs[y].entry;
            const elsewhere = reportedElsewhere(a, b);
            if (elsewhere === 'all') continue;
            let any = 0;
            for (let w = 0; w < words; w++) {
              shared[w] = as[x].themes[w] & bs[y].themes[w] & (elsewhere === 'complex-cases' ? ~complexCases[w] : -1);
              any |= shared[w];
            }
            if (any === 0 || model.linkedEntries(a, b)) continue;
            if (a.index > b.index) [a, b] = [b, a];
            const [from, to] = [a.mechanism.id, b.mechanism.id];
            yield {
              subjects: [from, to],
              link: { kind: 'articulation', from, to },
              departements: commonDepartements(a, b),
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

/** Kinds whose same-kind pairs an overlap rule reports (PTSMs are not candidates here). */
const OVERLAP_RULE_KINDS: ReadonlySet<MechanismKind> = new Set(['CLSM', 'CPTS', 'DAC', 'CLS']);

/**
 * Unlinked pairs a more specific rule already reports, with the link that resolves them:
 * same-kind pairs (the overlap rules), CLS–CLSM (cls-clsm-unlinked) and ASV–CLSM (asv-clsm-unlinked) whatever the theme, and a
 * CLSM's complex-cases cell inside a DAC (clsm-dac-complex-cases) for that theme. Reporting
 * them twice would only add noise.
 */
function reportedElsewhere(a: MechanismEntry, b: MechanismEntry): 'all' | 'complex-cases' | undefined {
  const [x, y] = [a.mechanism.kind, b.mechanism.kind];
  if (x === y && OVERLAP_RULE_KINDS.has(x)) return 'all'; // clsm-, cpts-, dac-, cls-overlap report the pair

  const other = x === 'CLSM' ? y : y === 'CLSM' ? x : undefined;
  return other === 'CLS' || other === 'ASV' ? 'all' : other === 'DAC' ? 'complex-cases' : undefined;
}
