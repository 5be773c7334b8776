import { FTE_EPSILON, type Rule } from '../types.ts';
import { formatDecimal, ofName, theName } from '../../text.ts';

export const rule: Rule<{ totalFte: number }> = {
  id: 'clsm-coordinator-part-time',
  category: 'governance',
  basis: 'referentiel',
  facts: ['coordinators'],
  defaultSeverity: 'info',
  reference: 'Instruction DGS/SP4/2025/8, annexe 1 §5 (prioriser un poste de coordination à temps plein)',
  docs: {
    title: 'Coordination du CLSM à temps partiel',
    what: 'Le temps de coordination d’un CLSM actif, additionné sur ses coordonnateurs, est inférieur à un temps plein. Le calcul n’est fait que si la quotité de chaque coordonnateur est renseignée.',
    why: 'Au vu de l’ampleur des besoins et de la diversité des interlocuteurs, le référentiel national recommande un temps plein de coordination, tout en invitant à adapter ce temps aux besoins et ressources du territoire.',
    fix: 'Étudier le passage de la coordination à temps plein (co-financement) ou justifier la quotité retenue au regard du territoire.',
  },
  *check(ctx) {
    for (const clsm of ctx.active('CLSM')) {
      const coordinators = clsm.mechanism.coordinators;
      if (!coordinators || coordinators.length === 0) continue; // unknown, or clsm-coordinator-missing
      let total = 0;
      let known = true;
      for (const c of coordinators) {
        if (c.fte === undefined) known = false;
        else total += c.fte;
      }
      if (!known || total >= 1 - FTE_EPSILON) continue;
      const m = clsm.mechanism;
      const totalFte = Math.round(total * 1000) / 1000;
      yield { subjects: [m.id], data: { totalFte } };
    }
  },
  describe(f, name) {
    const clsm = name(f.subjects[0]);
    return {
      message: `La coordination ${ofName(clsm)} représente ${formatDecimal(f.data.totalFte)} ETP (un temps plein est recommandé).`,
      fix: `Étudier le passage à un temps plein de coordination pour ${theName(clsm)}.`,
    };
  },
};
