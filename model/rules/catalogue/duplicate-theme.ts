import type { MechanismEntry } from '../../graph.ts';
import { THEMES } from '../../vocabulary.ts';
import type { RuleContext } from '../context.ts';
import type { Rule } from '../types.ts';

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
    what: 'Deux dispositifs actifs dont les territoires se recoupent travaillent sur le même thème (thèmes déclarés ou thèmes de leurs groupes de travail, comparés sans accents ni majuscules), sans qu’aucun lien ne les relie.',
    why: 'Le référentiel national demande de garantir la cohérence des actions et d’éviter les redondances, en partageant diagnostics et feuilles de route : deux groupes de travail sur le même sujet et le même territoire mobilisent deux fois les mêmes partenaires.',
    fix: 'Prendre contact entre coordinations, se répartir le travail ou mutualiser le groupe, et enregistrer l’articulation entre les deux dispositifs.',
  },
  *check(ctx) {
    for (const { a, b, themes } of unlinkedThemePairs(ctx)) {
      if (themes.length > 1) themes.sort();
      const x = a.mechanism;
      const y = b.mechanism;
      const listed = quoted(themes);
      yield {
        subjects: [x.id, y.id],
        message: `${x.name} et ${y.name} travaillent tous deux sur ${themes.length > 1 ? 'les thèmes' : 'le thème'} ${listed}, sur des territoires qui se recoupent, sans lien déclaré entre eux.`,
        fix: {
          message: `Coordonner le travail de ${x.name} et de ${y.name} sur ${listed} et enregistrer leur articulation.`,
          link: { kind: 'articulation', from: x.id, to: y.id },
        },
        departements: a.departements.filter((d) => b.departements.includes(d)),
        data: { theme: themes[0], themes },
      };
    }
  },
};

/**
 * Pairs of active mechanisms that share a commune and a theme and are not linked, with all
 * their shared themes. Two mechanisms share a commune exactly when they are members of the same
 * cell (communes covered by the same set of active mechanisms, see `RuleContext.activeCells`).
 * Each mechanism meets, in each of its cells and for each of its themes, the later members
 * working on that theme; typed arrays stamped with the current mechanism deduplicate its
 * partners. Cost: the cells (one pass over the incidences), their members by theme, the
 * (pair, cell, theme) meetings and the links; pairs of mechanisms are never enumerated.
 * A plain function, not part of the generator, so that V8 optimises its loops on the first run.
 */
function unlinkedThemePairs(ctx: RuleContext): PairThemes[] {
  const model = ctx.model;
  const n = model.entries.length;
  const cells = ctx.activeCells();
  // Each cell's members by theme (dataset order kept), and each mechanism's cells.
  const cellThemes: Map<string, MechanismEntry[]>[] = [];
  const cellsOf: number[][] = new Array<number[]>(n);
  for (let k = 0; k < cells.length; k++) {
    const byTheme = new Map<string, MechanismEntry[]>();
    for (const m of cells[k].members) {
      const themes = ctx.themes(m);
      if (themes.length === 0) continue;
      (cellsOf[m.index] ??= []).push(k);
      for (const theme of themes) {
        const group = byTheme.get(theme);
        if (group) group.push(m);
        else byTheme.set(theme, [m]);
      }
    }
    cellThemes.push(byTheme);
  }
  // Declared links as numeric pair keys (lower index first).
  const linked = new Set<number>();
  for (const link of model.links) {
    const from = model.get(link.from);
    const to = model.get(link.to);
    if (from && to) linked.add(from.index < to.index ? from.index * n + to.index : to.index * n + from.index);
  }
  // met[b] === a.index: b already met by a; then found[slot[b]] is the pair, or slot[b] is -1 when linked.
  const met = new Int32Array(n).fill(-1);
  const slot = new Int32Array(n);
  const found: PairThemes[] = [];
  for (const a of model.entries) {
    const mine = cellsOf[a.index];
    if (mine === undefined) continue;
    const themes = ctx.themes(a);
    for (const k of mine) {
      const byTheme = cellThemes[k];
      for (const theme of themes) {
        const group = byTheme.get(theme)!;
        // Groups are in dataset order: walk back from the end down to a.
        for (let y = group.length - 1; y >= 0; y--) {
          const b = group[y];
          if (b.index <= a.index) break;
          if (met[b.index] !== a.index) {
            met[b.index] = a.index;
            if (linked.has(a.index * n + b.index)) slot[b.index] = -1;
            else {
              slot[b.index] = found.length;
              found.push({ a, b, themes: [theme] });
            }
            continue;
          }
          const s = slot[b.index];
          if (s !== -1 && !found[s].themes.includes(theme)) found[s].themes.push(theme);
        }
      }
    }
  }
  return found;
}
