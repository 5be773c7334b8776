import { formatDateFr, knownStart } from '../../dates.ts';
import type { MechanismEntry } from '../../graph.ts';
import type { RuleContext } from '../context.ts';
import type { Rule } from '../types.ts';
import { capitalize, ofName, theName } from '../../text.ts';

/**
 * Another CLS on an intersecting territory takes over from `cls` (which ended on `end`) when, at
 * the reference date, it is active, in preparation, or a later contract already signed (ending
 * after `end`, or open-ended): a later contract that has expired too carries its own finding, so
 * that a chain of expired contracts is reported once, on the last one. Statuses are read at the
 * reference date, so that a replay does not count a contract signed since.
 */
function hasSuccessor(ctx: RuleContext, cls: MechanismEntry, end: string): boolean {
  return ctx.intersecting(cls, 'CLS', { activeOnly: false }).some((other) => {
    if (ctx.isActive(other) || ctx.inPreparation(other)) return true;
    const began = other.mechanism.dates?.signed ?? knownStart(other.mechanism);
    if (began !== undefined && began > ctx.asOf) return false; // not signed yet at the reference date
    const otherEnd = other.mechanism.dates?.end;
    const status = ctx.statusOf(other);
    if (status === 'active') return otherEnd === undefined || otherEnd > end;
    if (status === 'ended') return otherEnd !== undefined && otherEnd > end;
    return false; // dormant, or not yet existing: does not take over
  });
}

export const rule: Rule<{ date: string }> = {
  id: 'cls-expired',
  category: 'missing-link',
  basis: 'referentiel',
  facts: ['dates', 'status', 'territory'],
  defaultSeverity: 'info',
  reference: 'CSP art. L. 1434-10 IV ; instruction DGS/SP4/2025/8, annexe 2 (CLS : programme d’actions pluriannuel, partenariats à inscrire dans la durée)',
  docs: {
    title: 'CLS échu sans successeur',
    what: "La date de fin d'un CLS (actif ou terminé) est passée et aucun autre CLS ne lui succède sur un territoire qui rencontre le sien : ni CLS actif à la date de référence, ni CLS en projet, ni contrat postérieur. Quand plusieurs contrats échus se suivent, seul le dernier est signalé.",
    why: 'Le CLS porte un programme d’actions pluriannuel et doit inscrire les partenariats locaux dans la durée ; à son échéance, le volet santé mentale et l’articulation avec le CLSM et le PTSM disparaissent avec lui.',
    fix: 'Engager le renouvellement du contrat avec l’ARS (en y intégrant le volet santé mentale), ou enregistrer le nouveau contrat s’il a été signé ; un CLS terminé sans suite peut aussi être laissé tel quel, pour l’historique.',
  },
  *check(ctx) {
    for (const cls of ctx.model.entries) {
      const m = cls.mechanism;
      if (m.kind !== 'CLS') continue;
      const status = ctx.statusOf(cls);
      if (status !== 'active' && status !== 'ended') continue;
      const end = m.dates?.end;
      if (end === undefined || end >= ctx.asOf) continue;
      if (hasSuccessor(ctx, cls, end)) continue;
      yield { subjects: [m.id], data: { date: end }, due: end };
    }
  },
  describe(f, name) {
    const cls = name(f.subjects[0]);
    return {
      message: `${capitalize(theName(cls))} a pris fin le ${formatDateFr(f.data.date)} et aucun contrat local de santé ne lui succède sur son territoire.`,
      fix: `Engager le renouvellement ${ofName(cls)} avec l'ARS, en y intégrant un volet santé mentale, ou enregistrer le contrat qui lui succède.`,
    };
  },
};
