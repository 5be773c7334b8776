import type { MechanismEntry } from '../../graph.ts';
import { THEMES } from '../../vocabulary.ts';
import type { Rule } from '../types.ts';

const themeLabel = (id: string) => THEMES.find((t) => t.id === id)?.label ?? id;
const quoted = (themes: readonly string[]) => themes.map((t) => `« ${themeLabel(t)} »`).join(', ');

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
    const model = ctx.model;
    const n = model.entries.length;
    // Pair key a.index * n + b.index (a before b) → shared themes; null when the pair is linked.
    const pairs = new Map<number, PairThemes | null>();
    const found: PairThemes[] = [];
    // Per theme, commune → mechanisms of that theme already placed there, as linked lists in
    // flat arrays (head[c] → slot, next[slot] → slot), reset after each theme.
    const head = new Int32Array(model.territories.communeCount).fill(-1);
    const next: number[] = [];
    const member: MechanismEntry[] = [];
    const touched: number[] = [];
    // seen[o] === mark: o already met by the current mechanism for the current theme.
    const seen = new Uint32Array(n);
    let mark = 0;
    for (const [theme, entries] of ctx.activeByTheme()) {
      if (entries.length < 2) continue;
      for (const e of entries) {
        mark++;
        for (const c of e.perimeter) {
          for (let slot = head[c]; slot !== -1; slot = next[slot]) {
            const o = member[slot];
            if (seen[o.index] === mark) continue;
            seen[o.index] = mark;
            const key = o.index * n + e.index;
            let pair = pairs.get(key);
            if (pair === undefined) {
              pair = model.linked(o.mechanism.id, e.mechanism.id) ? null : { a: o, b: e, themes: [] };
              pairs.set(key, pair);
              if (pair) found.push(pair);
            }
            pair?.themes.push(theme);
          }
          if (head[c] === -1) touched.push(c);
          next.push(head[c]);
          member.push(e);
          head[c] = next.length - 1;
        }
      }
      for (const c of touched) head[c] = -1;
      touched.length = 0;
      next.length = 0;
      member.length = 0;
    }
    for (const { a, b, themes } of found) {
      themes.sort();
      const [x, y] = [a.mechanism, b.mechanism];
      yield {
        subjects: [x.id, y.id],
        message: `${x.name} et ${y.name} travaillent tous deux sur ${themes.length > 1 ? 'les thèmes' : 'le thème'} ${quoted(themes)}, sur des territoires qui se recoupent, sans lien déclaré entre eux.`,
        fix: {
          message: `Coordonner le travail de ${x.name} et de ${y.name} sur ${quoted(themes)} et enregistrer leur articulation.`,
          link: { kind: 'articulation', from: x.id, to: y.id },
        },
        departements: a.departements.filter((d) => b.departements.includes(d)),
        data: { theme: themes[0], themes },
      };
    }
  },
};
