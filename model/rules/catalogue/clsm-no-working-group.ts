import type { Rule } from '../types.ts';
import { capitalize, ofName, theName } from '../../text.ts';

export const rule: Rule<undefined> = {
  id: 'clsm-no-working-group',
  category: 'governance',
  basis: 'referentiel',
  facts: ['governance'],
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
      yield { subjects: [clsm.mechanism.id] };
    }
  },
  describe(f, name) {
    const clsm = name(f.subjects[0]);
    return {
      message: `${capitalize(theName(clsm))} n'a aucun groupe de travail.`,
      fix: `Constituer un premier groupe de travail ${ofName(clsm)} sur une priorité du COPIL.`,
    };
  },
};
