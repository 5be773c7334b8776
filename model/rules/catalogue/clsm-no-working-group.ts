import type { Rule } from '../types.ts';
import { capitalize, ofName, theName } from '../../text.ts';

export const rule: Rule = {
  id: 'clsm-no-working-group',
  category: 'governance',
  defaultSeverity: 'warning',
  reference: 'Instruction DGS/SP4/2025/8, annexe 1 §4 (groupes de travail)',
  docs: {
    title: 'CLSM sans groupe de travail',
    what: 'Un CLSM actif déclare n’avoir aucun groupe de travail (liste renseignée et vide). Une liste non renseignée n’est pas signalée.',
    why: 'Les groupes de travail sont l’instance opérationnelle du CLSM : constitués sur les priorités fixées par le COPIL, ils mettent en œuvre la feuille de route par des actions concrètes.',
    fix: 'Constituer au moins un groupe de travail sur une priorité du COPIL (par exemple logement, cas complexes, prévention du suicide).',
  },
  *check(ctx) {
    for (const clsm of ctx.active('CLSM')) {
      const groups = clsm.mechanism.governance?.workingGroups;
      if (groups === undefined || groups.length > 0) continue; // unknown, or present
      const m = clsm.mechanism;
      yield {
        subjects: [m.id],
        message: `${capitalize(theName(m.name))} n'a aucun groupe de travail.`,
        fix: { message: `Constituer un premier groupe de travail ${ofName(m.name)} sur une priorité du COPIL.` },
      };
    }
  },
};
