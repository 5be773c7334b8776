import { FUNDER_NAMES, TRIPARTITE_FUNDERS } from '../../vocabulary.ts';
import type { Rule } from '../types.ts';
import { listFr, ofName } from '../../text.ts';

type Funder = (typeof TRIPARTITE_FUNDERS)[number];

export const rule: Rule<{ missingFunders: Funder[] }> = {
  id: 'clsm-funding-not-tripartite',
  category: 'governance',
  basis: 'referentiel',
  facts: ['governance'],
  defaultSeverity: 'info',
  reference: 'Instruction DGS/SP4/2025/8, annexe 1 §6 (co-financement tripartite)',
  docs: {
    title: 'Financement du CLSM non tripartite',
    what: 'Les financeurs déclarés d’un CLSM actif ne comptent pas l’un des trois financeurs du co-financement tripartite : collectivité, psychiatrie publique, ARS. Un financement non renseigné n’est pas signalé.',
    why: 'Le référentiel national encourage un co-financement tripartite porté par la collectivité, le pôle ou secteur psychiatrique et l’ARS : sans ressources suffisantes et partagées, de nombreux CLSM peinent à fonctionner ou à perdurer.',
    fix: 'Solliciter le ou les financeurs manquants, par exemple dans le cadre de la charte ou de la convention de partenariat.',
  },
  *check(ctx) {
    for (const clsm of ctx.active('CLSM')) {
      const funding = clsm.mechanism.governance?.funding;
      if (funding === undefined) continue; // unknown, not a breach
      const missing = TRIPARTITE_FUNDERS.filter((f) => !funding.includes(f));
      if (missing.length === 0) continue;
      yield { subjects: [clsm.mechanism.id], data: { missingFunders: missing } };
    }
  },
  describe(f, name) {
    const labels = f.data.missingFunders.map((funder) => FUNDER_NAMES[funder]);
    return {
      message: `Le financement ${ofName(name(f.subjects[0]))} n'est pas tripartite : il manque ${listFr(labels)}.`,
      fix: `Solliciter le co-financement ${listFr(labels.map((l) => ofName(l)))}.`,
    };
  },
};
