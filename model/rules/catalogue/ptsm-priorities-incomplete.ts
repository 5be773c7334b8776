import { PRIORITY_LABELS, PTSM_PRIORITIES } from '../../vocabulary.ts';
import type { Rule } from '../types.ts';
import { listFr, ofName } from '../../text.ts';

type Priority = (typeof PTSM_PRIORITIES)[number];

export const rule: Rule<{ missing: Priority[] }> = {
  id: 'ptsm-priorities-incomplete',
  category: 'missing-link',
  basis: 'loi',
  facts: ['priorities'],
  defaultSeverity: 'warning',
  reference: 'CSP art. R. 3224-5 à R. 3224-10 (décret n° 2017-1200 du 27 juillet 2017 : les six priorités du projet territorial de santé mentale) ; instruction DGS/SP4/2025/8, annexe 2',
  docs: {
    title: 'PTSM sans les six priorités',
    what: "Les priorités déclarées d'un PTSM actif ne comptent pas toutes les six priorités du décret de 2017. Un PTSM dont les priorités ne sont pas renseignées n'est pas signalé.",
    why: 'Le projet territorial de santé mentale organise les conditions des six priorités fixées par le code de la santé publique (repérage précoce et accès aux soins, parcours sans rupture, soins somatiques, crise et urgence, droits et lutte contre la stigmatisation, déterminants de la santé mentale) ; une priorité absente laisse les CLSM et CLS sans cadre pour la décliner.',
    fix: 'Vérifier que le projet traite chacune des six priorités et compléter les priorités déclarées ; si le projet en omet une, l’intégrer lors de sa révision.',
  },
  *check(ctx) {
    for (const ptsm of ctx.active('PTSM')) {
      const declared = ptsm.mechanism.priorities;
      if (declared === undefined) continue; // unknown, not a breach
      const missing = PTSM_PRIORITIES.filter((p) => !declared.includes(p));
      if (missing.length) yield { subjects: [ptsm.mechanism.id], data: { missing } };
    }
  },
  describe(f, name) {
    const ptsm = name(f.subjects[0]);
    const { missing } = f.data;
    return {
      message: `Les priorités déclarées ${ofName(ptsm)} omettent ${missing.length === 1 ? 'une' : missing.length} des six priorités du code de la santé publique : ${listFr(missing.map((p) => `« ${PRIORITY_LABELS[p]} »`))}.`,
      fix: `Vérifier que le projet ${ofName(ptsm)} traite ${missing.length > 1 ? 'ces priorités' : 'cette priorité'} et compléter ses priorités déclarées, ou l'y intégrer lors de sa révision.`,
    };
  },
};
