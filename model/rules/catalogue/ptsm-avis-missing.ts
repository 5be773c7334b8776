import { formatDateFr } from '../../dates.ts';
import { missingAvis } from '../avis.ts';
import type { Rule } from '../types.ts';
import { capitalize, ofName, theName } from '../../text.ts';

export const rule: Rule<{ date: string } | undefined> = {
  id: 'ptsm-avis-missing',
  category: 'missing-link',
  defaultSeverity: 'error',
  reference: 'CSP art. L. 3221-2 IV ; instruction DGS/SP4/2025/8, annexe 2',
  docs: {
    title: 'Avis du CLSM sur le projet territorial manquant',
    what: "Un CLSM actif à la date d'adoption du PTSM (ou à la date de référence s'il n'est pas adopté), dont le territoire rencontre celui du PTSM, n'a pas donné d'avis sur le projet.",
    why: 'Les CLSM donnent leur avis sur le diagnostic territorial et sur le projet avant sa validation par le directeur général de l’ARS (art. L. 3221-2 IV du CSP).',
    fix: 'Recueillir l’avis du CLSM sur le projet et l’enregistrer comme lien « avis » (étape projet) du CLSM vers le PTSM.',
  },
  *check(ctx) {
    for (const { ptsm, due, clsms } of missingAvis(ctx, 'projet')) {
      const id = ptsm.mechanism.id;
      const data = due ? { date: due } : undefined; // the projet's adoption date, shared by its findings
      for (const clsm of clsms) yield { subjects: [clsm, id], link: { kind: 'avis', from: clsm, to: id, stage: 'projet' }, data };
    }
  },
  describe(f, name) {
    const [clsm, ptsm] = f.subjects.map(name);
    const due = f.data?.date;
    return {
      message: `${capitalize(theName(clsm))} n'a pas donné son avis sur le projet ${ofName(ptsm)}, ${due ? `adopté le ${formatDateFr(due)}` : 'adopté à une date inconnue'}.`,
      fix: `Enregistrer l'avis ${ofName(clsm)} sur le projet territorial.`,
    };
  },
};
