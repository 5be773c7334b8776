import { CREATION_CLSM_OBJECTIVE } from '../../vocabulary.ts';
import type { Rule } from '../types.ts';
import { capitalize, formatDecimal, ofName, plural, slugify } from '../../text.ts';

/**
 * Uncovered population and communes, and their share of the PTSM's population (percent, one
 * decimal); `objectivesUnknown` when the PTSM's objectives are not filled in (unknown, not false).
 */
type UncoveredData = { population: number; uncoveredCommunes: number; share: number; objectivesUnknown?: true };

export const rule: Rule<UncoveredData> = {
  id: 'ptsm-clsm-creation-objective',
  category: 'missing-link',
  basis: 'referentiel',
  facts: ['territory', 'status', 'objectives'],
  defaultSeverity: 'warning',
  reference: 'Instruction DGS/SP4/2025/8, annexe 2 (« les PTSM doivent encourager l’inscription de la création de CLSM dans leurs objectifs ») et annexe 1 §8',
  docs: {
    title: 'PTSM sans objectif de création de CLSM',
    what: `Une partie habitée du territoire d'un PTSM actif n'est couverte par aucun CLSM actif, et les objectifs déclarés du PTSM ne comptent pas « ${CREATION_CLSM_OBJECTIVE} ». Quand les objectifs du PTSM ne sont pas renseignés, ce n'est qu'une information « à vérifier ».`,
    why: 'Les PTSM doivent encourager l’inscription de la création de CLSM dans leurs objectifs ; les CLSM sont l’échelon de proximité qui permet au PTSM de rester en phase avec les réalités locales.',
    fix: `Inscrire la création de CLSM dans les objectifs du PTSM (objectif « ${CREATION_CLSM_OBJECTIVE} »), en ciblant les territoires non couverts.`,
  },
  *check(ctx) {
    const covered = ctx.coverage('CLSM');
    const population = ctx.model.territories.population;
    for (const ptsm of ctx.active('PTSM')) {
      const m = ptsm.mechanism;
      if ((m.objectives ?? []).some((o) => slugify(o) === CREATION_CLSM_OBJECTIVE)) continue;
      const objectivesUnknown = m.objectives === undefined; // unknown, not a breach: only to check
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
        data: { population: uncovered, uncoveredCommunes: communes, share: Math.round(share * 10) / 10, ...(objectivesUnknown ? { objectivesUnknown: true as const } : {}) },
        ...(objectivesUnknown ? { severity: 'info' as const } : {}),
      };
    }
  },
  describe(f, name) {
    const ptsm = name(f.subjects[0]);
    const { population, uncoveredCommunes: communes, share, objectivesUnknown } = f.data;
    const objectives = objectivesUnknown
      ? "ses objectifs ne sont pas renseignés : à vérifier si la création de CLSM y figure"
      : 'la création de CLSM ne figure pas dans ses objectifs';
    return {
      message: `${capitalize(plural(communes, 'commune'))} du territoire ${ofName(ptsm)} (${plural(population, 'habitant')}, ${formatDecimal(share)} % de sa population) ${communes >= 2 ? 'ne sont couvertes' : "n'est couverte"} par aucun CLSM actif, et ${objectives}.`,
      fix: `Inscrire la création de CLSM dans les objectifs ${ofName(ptsm)} (« ${CREATION_CLSM_OBJECTIVE} »), en priorité sur les territoires non couverts.`,
    };
  },
};
