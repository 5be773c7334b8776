import type { Rule } from '../types.ts';
import { capitalize, ofName, plural, theName } from '../../text.ts';

export const rule: Rule = {
  id: 'cls-clsm-unlinked',
  category: 'missing-link',
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
      const [cls, clsm] = [pair.a.mechanism, pair.b.mechanism];
      if (ctx.model.linkedEntries(pair.a, pair.b)) continue;
      const shared = ctx.describeCommunes(pair.communes);
      const n = shared.codes.length;
      const asComponent = !ctx.hasMentalHealthComponent(pair.a);
      yield {
        subjects: [cls.id, clsm.id],
        message: `${capitalize(theName(cls.name))} et ${theName(clsm.name)} partagent ${plural(n, 'commune')} (${plural(shared.population, 'habitant')}) sans lien déclaré entre eux.`,
        fix: asComponent
          ? {
              message: `${capitalize(theName(cls.name))} n'a pas de volet santé mentale : faire ${ofName(clsm.name)} ce volet.`,
              link: { kind: 'volet-sante-mentale', from: cls.id, to: clsm.id },
            }
          : {
              message: `Formaliser l'articulation entre ${theName(cls.name)} et ${theName(clsm.name)} (diagnostics et feuilles de route partagés, priorités communes, échanges entre coordonnateurs).`,
              link: { kind: 'articulation', from: cls.id, to: clsm.id },
            },
        departements: shared.departements,
        data: { sharedCommunes: shared.codes, sharedPopulation: shared.population },
      };
    }
  },
};
