import { CREATION_CLSM_OBJECTIVE } from '../../vocabulary.ts';
import type { Rule } from '../types.ts';
import { capitalize, formatDecimal, ofName, plural, slugify } from '../../text.ts';

export const rule: Rule = {
  id: 'ptsm-clsm-creation-objective',
  category: 'missing-link',
  defaultSeverity: 'warning',
  reference: 'Instruction DGS/SP4/2025/8, annexe 2 (« les PTSM doivent encourager l’inscription de la création de CLSM dans leurs objectifs ») et annexe 1 §8',
  docs: {
    title: 'PTSM sans objectif de création de CLSM',
    what: `Une partie habitée du territoire d'un PTSM actif n'est couverte par aucun CLSM actif, et le PTSM n'a pas l'objectif « ${CREATION_CLSM_OBJECTIVE} ».`,
    why: 'Les PTSM doivent encourager l’inscription de la création de CLSM dans leurs objectifs ; les CLSM sont l’échelon de proximité qui permet au PTSM de rester en phase avec les réalités locales.',
    fix: `Inscrire la création de CLSM dans les objectifs du PTSM (objectif « ${CREATION_CLSM_OBJECTIVE} »), en ciblant les territoires non couverts.`,
  },
  *check(ctx) {
    const covered = ctx.coverage('CLSM');
    const population = ctx.model.territories.population;
    for (const ptsm of ctx.active('PTSM')) {
      const m = ptsm.mechanism;
      if ((m.objectives ?? []).some((o) => slugify(o) === CREATION_CLSM_OBJECTIVE)) continue;
      let uncovered = 0;
      let communes = 0;
      for (const c of ptsm.perimeter) {
        if (covered[c] === 1) continue;
        communes++;
        uncovered += population[c];
      }
      if (uncovered <= 0) continue;
      const share = ptsm.population > 0 ? (100 * uncovered) / ptsm.population : 100;
      yield {
        subjects: [m.id],
        message: `${capitalize(plural(communes, 'commune'))} du territoire ${ofName(m.name)} (${plural(uncovered, 'habitant')}, ${formatDecimal(Math.round(share * 10) / 10)} % de sa population) ${communes >= 2 ? 'ne sont couvertes' : "n'est couverte"} par aucun CLSM actif, et la création de CLSM ne figure pas dans ses objectifs.`,
        fix: { message: `Inscrire la création de CLSM dans les objectifs ${ofName(m.name)} (« ${CREATION_CLSM_OBJECTIVE} »), en priorité sur les territoires non couverts.` },
        data: { population: uncovered, uncoveredCommunes: communes },
      };
    }
  },
};
