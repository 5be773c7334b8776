import type { Rule } from '../types.ts';
import { ofName } from '../../text.ts';
import { commonDepartements } from '../../graph.ts';

export const rule: Rule<undefined> = {
  id: 'cls-ptsm-missing',
  category: 'missing-link',
  basis: 'loi',
  facts: ['mentalHealthComponent', 'territory', 'status', 'links:prise-en-compte'],
  defaultSeverity: 'warning',
  reference: 'CSP art. L. 1434-10 IV (volet santé mentale « qui tient compte du projet territorial de santé mentale ») ; instruction DGS/SP4/2025/8, annexe 2',
  docs: {
    title: 'Volet santé mentale du CLS sans prise en compte du PTSM',
    what: "Un CLS actif doté d'un volet santé mentale (déclaré ou assuré par un CLSM) n'a pas de lien « prise en compte » vers un PTSM actif dont le territoire rencontre le sien. Un constat par PTSM concerné.",
    why: 'Le volet santé mentale du CLS doit tenir compte du projet territorial de santé mentale (art. L. 1434-10 IV du CSP), pour que les actions locales s’inscrivent dans les priorités du territoire.',
    fix: 'Vérifier que le volet santé mentale du CLS reprend les priorités du PTSM, puis enregistrer un lien « prise en compte » du CLS vers le PTSM.',
  },
  *check(ctx) {
    for (const cls of ctx.active('CLS')) {
      if (!ctx.hasMentalHealthComponent(cls)) continue; // cls-mental-health-missing reports it
      const ptsms = ctx.intersecting(cls, 'PTSM');
      if (ptsms.length === 0) continue; // departement-without-ptsm reports it
      const id = cls.mechanism.id;
      const taken = new Set(ctx.model.linksOf(id, 'out', 'prise-en-compte').map((l) => l.to));
      for (const ptsm of ptsms) {
        if (taken.has(ptsm.mechanism.id)) continue;
        const departements = commonDepartements(cls, ptsm);
        yield {
          subjects: [id, ptsm.mechanism.id],
          link: { kind: 'prise-en-compte', from: id, to: ptsm.mechanism.id },
          departements: departements.length ? departements : undefined,
        };
      }
    }
  },
  describe(f, name) {
    const [cls, ptsm] = f.subjects.map(name);
    return {
      message: `Le volet santé mentale ${ofName(cls)} ne déclare pas tenir compte ${ofName(ptsm)}, qui couvre son territoire.`,
      fix: `Aligner le volet santé mentale ${ofName(cls)} sur les priorités ${ofName(ptsm)} et enregistrer le lien « prise en compte ».`,
    };
  },
};
