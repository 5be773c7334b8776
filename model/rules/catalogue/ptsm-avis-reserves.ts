import { formatDateFr } from '../../dates.ts';
import { AVIS_OPINION_LABELS, AVIS_STAGE_LABELS, type AvisStage } from '../../vocabulary.ts';
import type { Rule } from '../types.ts';
import { ofName, theName } from '../../text.ts';

type ReservesData = { opinion: 'favorable-reserves' | 'defavorable'; stage: AvisStage; date?: string };

export const rule: Rule<ReservesData> = {
  id: 'ptsm-avis-reserves',
  category: 'missing-link',
  basis: 'referentiel',
  facts: ['link'],
  defaultSeverity: 'info',
  reference: 'Instruction DGS/SP4/2025/8, annexe 1 §8 (« Le PTSM doit tenir compte de ces retours pour ajuster ses priorités ») ; CSP art. L. 3221-2 IV',
  docs: {
    title: 'Avis réservé ou défavorable sans réponse du PTSM',
    what: "Un CLSM a donné un avis défavorable ou favorable avec réserves sur le diagnostic ou le projet d'un PTSM actif ou en préparation, et le lien « avis » ne dit pas comment le PTSM en a tenu compte (champ « réponse » vide).",
    why: 'Les CLSM donnent leur avis avant la validation du PTSM ; le référentiel national précise que « le PTSM doit tenir compte de ces retours pour ajuster ses priorités et rester aligné sur les besoins identifiés localement ». Une réserve sans suite connue ne peut pas être suivie.',
    fix: 'Enregistrer dans la réponse de l’avis comment le PTSM a pris en compte les réserves (priorité ajoutée, action modifiée…) ou pourquoi il ne l’a pas fait.',
  },
  *check(ctx) {
    for (const ptsm of ctx.avisPtsms()) {
      const id = ptsm.mechanism.id;
      for (const link of ctx.model.linksOf(id, 'in', 'avis')) {
        if (link.opinion !== 'defavorable' && link.opinion !== 'favorable-reserves') continue;
        if (link.response !== undefined || (link.date !== undefined && link.date > ctx.asOf)) continue;
        yield {
          subjects: [link.from, id, link.id],
          data: { opinion: link.opinion, stage: link.stage ?? 'projet', ...(link.date ? { date: link.date } : {}) },
          due: link.date,
        };
      }
    }
  },
  describe(f, name) {
    const [clsm, ptsm] = [name(f.subjects[0]), name(f.subjects[1])];
    const { opinion, stage, date } = f.data;
    return {
      message: `L'avis ${ofName(clsm)} sur le ${AVIS_STAGE_LABELS[stage]} ${ofName(ptsm)}${date ? `, du ${formatDateFr(date)},` : ''} est « ${AVIS_OPINION_LABELS[opinion].toLowerCase()} » et rien n'indique comment le PTSM en a tenu compte.`,
      fix: `Enregistrer dans la réponse de cet avis comment ${theName(ptsm)} a pris en compte les réserves ${ofName(clsm)}.`,
    };
  },
};
