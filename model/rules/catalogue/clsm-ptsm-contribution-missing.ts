import type { Rule } from '../types.ts';
import { capitalize, listFr, ofName, theName, toName } from '../../text.ts';
import { commonDepartements } from '../../graph.ts';
import { CLSM_TO_PTSM, PRIORITY_LABELS, PTSM_PRIORITIES } from '../../vocabulary.ts';

/** The PTSM priorities the CLSM's objectives serve (docs/format.md, « Priorités et objectifs »), where its contribution can start. */
type ContributionData = { priorities: (typeof PTSM_PRIORITIES)[number][] };

// Sets of PTSM priorities as bits, in the décret's order: six priorities, 64 sets.
const bitOf = new Map<string, number>(PTSM_PRIORITIES.map((p, i) => [p, 1 << i]));
const bits = (priorities: readonly string[] | undefined) => (priorities ?? []).reduce((set, p) => set | (bitOf.get(p) ?? 0), 0);
/** CLSM objective → the PTSM priorities it serves. */
const SERVES = new Map(Object.entries(CLSM_TO_PTSM).map(([objective, priorities]) => [objective, bits(priorities)]));
/** One data object per set, shared by the findings. */
const DATA = Array.from({ length: 1 << PTSM_PRIORITIES.length }, (_, set): ContributionData | undefined =>
  set === 0 ? undefined : { priorities: PTSM_PRIORITIES.filter((_p, i) => (set & (1 << i)) !== 0) },
);

export const rule: Rule<ContributionData | undefined> = {
  id: 'clsm-ptsm-contribution-missing',
  category: 'missing-link',
  basis: 'referentiel',
  facts: ['territory', 'status', 'links:contribution'],
  defaultSeverity: 'info',
  reference: 'Instruction DGS/SP4/2025/8, annexe 1 §8 (« Contribuer activement à la construction et à l’évolution du PTSM ») et annexe 2 ; CSP art. L. 3221-2 II',
  docs: {
    title: 'CLSM sans contribution déclarée au PTSM',
    what: "Un CLSM actif n'a pas de lien « contribution » vers un PTSM actif dont le territoire rencontre le sien. Un constat par PTSM concerné ; les avis et la déclinaison locale se déclarent par d'autres liens.",
    why: 'Le référentiel national demande aux CLSM de contribuer activement à la construction et à l’évolution du PTSM, en partageant leurs diagnostics locaux, et de le faire connaître à l’échelon local ; le PTSM associe les CLSM (art. L. 3221-2 II du CSP).',
    fix: 'Partager les diagnostics et constats du CLSM avec la démarche PTSM, puis enregistrer un lien « contribution » du CLSM vers le PTSM. Le constat cite les priorités du PTSM que rejoignent les objectifs du CLSM (correspondance du référentiel), par lesquelles commencer.',
  },
  *check(ctx) {
    for (const clsm of ctx.active('CLSM')) {
      const ptsms = ctx.intersecting(clsm, 'PTSM');
      if (ptsms.length === 0) continue; // departement-without-ptsm reports it
      const m = clsm.mechanism;
      const contributed = new Set(ctx.model.linksOf(m.id, 'out', 'contribution').map((l) => l.to));
      const served = (m.priorities ?? []).reduce((set, objective) => set | (SERVES.get(objective) ?? 0), 0);
      for (const ptsm of ptsms) {
        if (contributed.has(ptsm.mechanism.id)) continue;
        const departements = commonDepartements(clsm, ptsm);
        yield {
          subjects: [m.id, ptsm.mechanism.id],
          link: { kind: 'contribution', from: m.id, to: ptsm.mechanism.id },
          departements: departements.length ? departements : undefined,
          data: DATA[served & bits(ptsm.mechanism.priorities)],
        };
      }
    }
  },
  describe(f, name) {
    const [clsm, ptsm] = f.subjects.map(name);
    return {
      message: `${capitalize(theName(clsm))} ne déclare pas de contribution ${toName(ptsm)}, qui couvre son territoire.`,
      fix:
        `Associer ${theName(clsm)} à la construction et au suivi ${ofName(ptsm)}, puis enregistrer le lien « contribution ».` +
        (f.data ? ` Ses objectifs rejoignent ${f.data.priorities.length > 1 ? 'les priorités' : 'la priorité'} ${listFr(f.data.priorities.map((p) => `« ${PRIORITY_LABELS[p]} »`))} du PTSM.` : ''),
    };
  },
};
