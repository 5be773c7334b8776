import { COPIL_ROLES, REQUIRED_COPIL_ROLES } from '../../vocabulary.ts';
import type { Rule } from '../types.ts';

const label = (id: string) => COPIL_ROLES.find((r) => r.id === id)?.label.toLowerCase() ?? id;

export const rule: Rule = {
  id: 'clsm-copil-composition',
  category: 'governance',
  defaultSeverity: 'error',
  reference: 'Instruction DGS/SP4/2025/8, annexe 1 §4 (comité de pilotage)',
  docs: {
    title: 'Composition du COPIL incomplète',
    what: "Le comité de pilotage d'un CLSM actif ne compte pas l'un des quatre membres minimaux : élu, psychiatrie publique, personnes concernées (usagers), aidants. Un COPIL dont la composition n'est pas renseignée n'est pas signalé.",
    why: 'Le référentiel national fixe la composition minimale du COPIL ; la participation des personnes concernées et des aidants est indispensable.',
    fix: 'Faire entrer au COPIL les représentants manquants et mettre à jour sa composition.',
  },
  *check(ctx) {
    for (const clsm of ctx.active('CLSM')) {
      const roles = clsm.mechanism.governance?.copil?.roles;
      if (roles === undefined) continue; // unknown, not a breach
      const missing = REQUIRED_COPIL_ROLES.filter((r) => !roles.includes(r));
      if (missing.length === 0) continue;
      yield {
        subjects: [clsm.mechanism.id],
        message: `Le COPIL de ${clsm.mechanism.name} ne compte pas : ${missing.map(label).join(', ')}.`,
        fix: { message: `Associer au COPIL : ${missing.map(label).join(', ')}.` },
        data: { missingRoles: missing },
      };
    }
  },
};
