import { COPIL_ROLE_LABELS, REQUIRED_COPIL_ROLES, type CopilRole } from '../../vocabulary.ts';
import type { Rule } from '../types.ts';
import { listFr, ofName } from '../../text.ts';

/** The article each required role takes in « il manque un élu, la psychiatrie publique… ». */
const ROLE_ARTICLES: Partial<Record<CopilRole, string>> = { elu: 'un', psychiatrie: 'la', usagers: 'des', aidants: 'des' };

/** "des aidants", "un élu (maire ou président de l'intercommunalité)"; a role without a known article is left bare. */
const label = (id: CopilRole) => {
  const text = COPIL_ROLE_LABELS[id].toLowerCase();
  const article = ROLE_ARTICLES[id];
  return article ? `${article} ${text}` : text;
};

export const rule: Rule<{ missingRoles: CopilRole[] }> = {
  id: 'clsm-copil-composition',
  category: 'governance',
  basis: 'referentiel',
  facts: ['governance'],
  defaultSeverity: 'warning',
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
      yield { subjects: [clsm.mechanism.id], data: { missingRoles: missing } };
    }
  },
  describe(f, name) {
    const listed = listFr(f.data.missingRoles.map(label));
    return {
      message: `Le COPIL ${ofName(name(f.subjects[0]))} est incomplet : il manque ${listed}.`,
      fix: `Faire entrer au COPIL ${listed}.`,
    };
  },
};
