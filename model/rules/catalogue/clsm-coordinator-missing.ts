import type { Rule } from '../types.ts';
import { capitalize, theName } from '../../text.ts';

export const rule: Rule<undefined> = {
  id: 'clsm-coordinator-missing',
  category: 'governance',
  basis: 'referentiel',
  facts: ['coordinators'],
  defaultSeverity: 'warning',
  reference: 'Instruction DGS/SP4/2025/8, annexe 1 §5 (coordination d’un CLSM)',
  docs: {
    title: 'CLSM sans coordonnateur',
    what: 'Un CLSM actif déclare n’avoir aucun coordonnateur (liste des coordinations renseignée et vide). Une coordination non renseignée n’est pas signalée.',
    why: 'La dynamique d’un CLSM repose sur sa coordination : pilotage global, animation des instances, articulation avec les autres dispositifs du territoire. Sans coordonnateur, les instances ne fonctionnent pas.',
    fix: 'Recruter ou désigner un coordonnateur, de préférence à temps plein, et l’enregistrer comme coordination du CLSM.',
  },
  *check(ctx) {
    for (const clsm of ctx.active('CLSM')) {
      const coordinators = clsm.mechanism.coordinators;
      if (coordinators === undefined || coordinators.length > 0) continue; // unknown, or present
      yield { subjects: [clsm.mechanism.id] };
    }
  },
  describe(f, name) {
    const clsm = name(f.subjects[0]);
    return {
      message: `${capitalize(theName(clsm))} n'a pas de coordonnateur.`,
      fix: `Désigner un coordonnateur pour ${theName(clsm)}, de préférence à temps plein.`,
    };
  },
};
