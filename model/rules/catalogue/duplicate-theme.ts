import { commonDepartements, type MechanismEntry, type PerimeterClass } from '../../graph.ts';
import { COMPLEX_CASES_THEME, THEMES } from '../../vocabulary.ts';
import type { RuleContext } from '../context.ts';
import type { Rule } from '../types.ts';
import { capitalize, leadingKind, ofName, theName } from '../../text.ts';

/** Theme id → « label », built once per theme: one finding per pair can mean many findings. */
const QUOTED = new Map(THEMES.map((t) => [t.id, `« ${t.label} »`]));
const quote = (id: string) => QUOTED.get(id) ?? `« ${id} »`;
const quoted = (themes: readonly string[]) => (themes.length === 1 ? quote(themes[0]) : themes.map(quote).join(', '));

interface PairThemes {
  a: MechanismEntry;
  b: MechanismEntry;
  themes: string[];
}

export const rule: Rule = {
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
    for (const { a, b, themes } of unlinkedThemePairs(ctx)) {
      if (themes.length > 1) themes.sort();
      const x = a.mechanism;
      const y = b.mechanism;
      const listed = quoted(themes);
      const feminine = leadingKind(x.name) === 'CPTS' && leadingKind(y.name) === 'CPTS';
      yield {
        subjects: [x.id, y.id],
        message: `${capitalize(theName(x.name))} et ${theName(y.name)} travaillent ${feminine ? 'toutes' : 'tous'} deux sur ${themes.length > 1 ? 'les thèmes' : 'le thème'} ${listed}, sur des territoires qui se recoupent, sans lien déclaré entre ${feminine ? 'elles' : 'eux'}.`,
        fix: {
          message: `Coordonner le travail ${ofName(x.name)} et ${ofName(y.name)} sur ${listed} et enregistrer leur articulation.`,
          link: { kind: 'articulation', from: x.id, to: y.id },
        },
        departements: commonDepartements(a, b),
        data: { theme: themes[0], themes },
      };
    }
  },
};

/**
 * Unlinked pairs a more specific rule already reports, with the link that resolves them:
 * CLS–CLSM (cls-clsm-unlinked), ASV–CLSM (asv-clsm-unlinked), and a CLSM's complex-cases
 * cell inside a DAC (clsm-dac-complex-cases). Reporting them twice would only add noise.
 */
function reportedElsewhere(a: MechanismEntry, b: MechanismEntry, theme: string): boolean {
  const [x, y] = [a.mechanism.kind, b.mechanism.kind];
  const other = x === 'CLSM' ? y : y === 'CLSM' ? x : undefined;
  return other === 'CLS' || other === 'ASV' || (other === 'DAC' && theme === COMPLEX_CASES_THEME);
}

/**
 * Pairs of active mechanisms that share a commune and a theme and are not linked, with all
 * their shared themes. For each theme, its active mechanisms are grouped by perimeter class;
 * classes meet through the model's memoised class overlaps. Cost: the (theme, class, meeting
 * class) triples and the pairs found; pairs of mechanisms are never enumerated blindly.
 */
function unlinkedThemePairs(ctx: RuleContext): PairThemes[] {
  const model = ctx.model;
  const byTheme = new Map<string, Map<PerimeterClass, MechanismEntry[]>>();
  for (const e of model.entries) {
    // A PTSM's themes are declined locally by design: not a duplicate.
    if (!ctx.isActive(e) || e.mechanism.kind === 'PTSM') continue;
    for (const theme of ctx.themes(e)) {
      let classes = byTheme.get(theme);
      if (!classes) byTheme.set(theme, (classes = new Map()));
      const members = classes.get(e.perimeterClass);
      if (members) members.push(e);
      else classes.set(e.perimeterClass, [e]);
    }
  }
  const n = model.entries.length;
  const found = new Map<number, PairThemes>();
  const meet = (a: MechanismEntry, b: MechanismEntry, theme: string) => {
    if (reportedElsewhere(a, b, theme)) return;
    if (a.index > b.index) [a, b] = [b, a];
    const key = a.index * n + b.index;
    const pair = found.get(key);
    if (pair) pair.themes.push(theme);
    else if (!model.linkedEntries(a, b)) found.set(key, { a, b, themes: [theme] });
  };
  for (const [theme, classes] of byTheme) {
    for (const [p, as] of classes) {
      for (const q of model.classOverlaps(p).keys()) {
        if (q.id < p.id) continue;
        const bs = classes.get(q);
        if (!bs) continue;
        if (q === p) {
          for (let x = 0; x < as.length; x++) for (let y = x + 1; y < as.length; y++) meet(as[x], as[y], theme);
        } else {
          for (const a of as) for (const b of bs) meet(a, b, theme);
        }
      }
    }
  }
  return [...found.values()]; // deterministic: follows dataset order
}
