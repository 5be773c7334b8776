import type { Rule } from '../types.ts';
import { capitalize, ofName, theName } from '../../text.ts';

export const rule: Rule<undefined> = {
  id: 'clsm-no-charter',
  category: 'governance',
  basis: 'referentiel',
  facts: ['governance'],
  defaultSeverity: 'info',
  reference: 'Instruction DGS/SP4/2025/8, annexe 1 §1 (portage institutionnel : charte ou convention de partenariat)',
  docs: {
    title: 'CLSM sans charte ni convention',
    what: 'Un CLSM actif déclare n’avoir ni charte ni convention de partenariat. Une absence de renseignement n’est pas signalée.',
    why: 'Le référentiel national recommande un portage institutionnel fort, conjoint entre la collectivité et la psychiatrie publique, matérialisé par une charte ou une convention qui prévoit le fonctionnement du CLSM et peut servir de support à un co-financement.',
    fix: 'Formaliser l’engagement de la collectivité et du pôle de psychiatrie par une charte ou une convention de partenariat.',
  },
  *check(ctx) {
    for (const clsm of ctx.active('CLSM')) {
      if (clsm.mechanism.governance?.charter !== false) continue; // signed, or unknown
      yield { subjects: [clsm.mechanism.id] };
    }
  },
  describe(f, name) {
    const clsm = name(f.subjects[0]);
    return {
      message: `${capitalize(theName(clsm))} n'a ni charte ni convention de partenariat.`,
      fix: `Formaliser le partenariat ${ofName(clsm)} par une charte ou une convention entre la collectivité et la psychiatrie publique.`,
    };
  },
};
