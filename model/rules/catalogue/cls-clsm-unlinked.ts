import { pairFinding, unlinkedPairMessage, type OverlapData } from '../overlap.ts';
import type { Rule } from '../types.ts';
import { capitalize, ofName, theName } from '../../text.ts';

export const rule: Rule<OverlapData> = {
  id: 'cls-clsm-unlinked',
  category: 'missing-link',
  basis: 'referentiel',
  facts: ['territory', 'status', 'links'],
  defaultSeverity: 'warning',
  reference: 'Instruction DGS/SP4/2025/8, annexe 1 §8 (CLSM et CLS) et annexe 2 ; CSP art. L. 1434-10 IV',
  docs: {
    title: 'CLS et CLSM sans lien',
    what: "Un CLS actif et un CLSM actif ont des communes en commun, mais aucun lien n'est déclaré entre eux (ni volet santé mentale, ni articulation).",
    why: 'Le référentiel national demande de développer conjointement CLS et CLSM, de garantir la cohérence de leurs actions et d’éviter les redondances, avec des instances distinctes et une communication continue entre coordonnateurs ; le volet santé mentale du CLS peut être le CLSM (art. L. 1434-10 IV du CSP).',
    fix: 'Si le CLS n’a pas encore de volet santé mentale, faire du CLSM ce volet (lien « volet santé mentale ») ; sinon, formaliser l’articulation (diagnostics et feuilles de route partagés, priorités communes) et l’enregistrer comme lien « articulation ».',
  },
  *check(ctx) {
    for (const pair of ctx.sharedPairs('CLS', 'CLSM')) {
      if (ctx.model.linkedEntries(pair.a, pair.b)) continue;
      // Without a mental-health component, the CLSM can become it; otherwise they articulate.
      const kind = ctx.hasMentalHealthComponent(pair.a) ? 'articulation' : 'volet-sante-mentale';
      yield pairFinding(ctx, pair, { kind, from: pair.a.mechanism.id, to: pair.b.mechanism.id });
    }
  },
  describe(f, name) {
    const [cls, clsm] = f.subjects.map(name);
    return {
      message: unlinkedPairMessage(f, name),
      fix:
        f.link?.kind === 'volet-sante-mentale'
          ? `${capitalize(theName(cls))} n'a pas de volet santé mentale : faire ${ofName(clsm)} ce volet.`
          : `Formaliser l'articulation entre ${theName(cls)} et ${theName(clsm)} (diagnostics et feuilles de route partagés, priorités communes, échanges entre coordonnateurs).`,
    };
  },
};
