import { CREATION_CLSM_OBJECTIVE } from '../../vocabulary.ts';
import type { Rule } from '../types.ts';
import { ofName, plural, slugify } from '../../text.ts';

/** The CLS's size; `objective` when the creation of a CLSM is already among its objectives. */
type WithoutClsmData = { population: number; communes: number; objective?: true };

export const rule: Rule<WithoutClsmData> = {
  id: 'cls-without-clsm',
  category: 'missing-link',
  basis: 'referentiel',
  facts: ['territory', 'status', 'objectives'],
  defaultSeverity: 'info',
  reference: 'Instruction DGS/SP4/2025/8, annexe 1 §8 (« Développer conjointement CLS et CLSM ») et annexe 2',
  docs: {
    title: 'CLS sans CLSM sur son territoire',
    what: `Aucune commune d'un CLS actif n'est couverte par un CLSM actif, et aucun CLSM en préparation (statut « en projet ») ne rencontre son territoire. Un CLS dont les objectifs comptent déjà « ${CREATION_CLSM_OBJECTIVE} » se le voit rappeler, sans qu'on lui demande de l'ajouter.`,
    why: 'Depuis la loi 3DS, les CLS comportent un volet santé mentale, « ce qui rend la création de CLSM particulièrement pertinente » : le référentiel national recommande de renforcer ce volet par la création d’un CLSM, dont l’émergence peut être un objectif du CLS.',
    fix: `Envisager la création d’un CLSM sur le territoire du CLS, par exemple en l’inscrivant dans les objectifs du contrat (« ${CREATION_CLSM_OBJECTIVE} ») ; une fois la démarche lancée, l’enregistrer comme CLSM en projet.`,
  },
  *check(ctx) {
    const covered = ctx.coverage('CLSM');
    for (const cls of ctx.active('CLS')) {
      if (cls.perimeter.length === 0) continue; // unknown perimeter: nothing to say
      if (cls.perimeter.some((c) => covered[c] === 1)) continue;
      // A CLSM in preparation on its territory: the creation is under way.
      if (ctx.preparedOn(cls, 'CLSM')) continue;
      const objective = (cls.mechanism.objectives ?? []).some((o) => slugify(o) === CREATION_CLSM_OBJECTIVE);
      yield { subjects: [cls.mechanism.id], data: { population: cls.population, communes: cls.perimeter.length, ...(objective ? { objective: true as const } : {}) } };
    }
  },
  describe(f, name) {
    const cls = name(f.subjects[0]);
    const extent = `(${plural(f.data.communes, 'commune')}, ${plural(f.data.population, 'habitant')})`;
    return f.data.objective
      ? {
          message: `Aucun CLSM actif ni en préparation sur le territoire ${ofName(cls)} ${extent}, alors que la création d'un CLSM figure dans ses objectifs.`,
          fix: `Engager la création du CLSM inscrite dans les objectifs ${ofName(cls)} et l'enregistrer comme CLSM en projet dès qu'elle est lancée.`,
        }
      : {
          message: `Aucun CLSM actif ni en préparation sur le territoire ${ofName(cls)} ${extent}.`,
          fix: `Envisager la création d'un CLSM sur le territoire ${ofName(cls)}, en lien avec son volet santé mentale, par exemple en l'inscrivant dans les objectifs ${ofName(cls)}.`,
        };
  },
};
