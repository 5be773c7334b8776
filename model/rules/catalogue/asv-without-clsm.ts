import type { Rule } from '../types.ts';
import { capitalize, ofName, plural, theName } from '../../text.ts';

export const rule: Rule<{ population: number; communes: number }> = {
  id: 'asv-without-clsm',
  category: 'missing-link',
  basis: 'referentiel',
  facts: ['territory', 'status'],
  defaultSeverity: 'info',
  reference: 'Instruction DGS/SP4/CGET/2016/289 du 30 septembre 2016 (CLSM dans le cadre des contrats de ville), complétée par l’instruction DGS/SP4/2025/8, annexe 1 §3 (« privilégier la couverture des territoires vulnérables, tels que […] les quartiers relevant de la politique de la ville »)',
  docs: {
    title: 'ASV sans CLSM sur son territoire',
    what: "Aucun CLSM actif ne rencontre le territoire d'un atelier santé ville (ASV) actif, et aucun CLSM en préparation (statut « en projet ») non plus.",
    why: 'Les quartiers prioritaires de la politique de la ville, où travaillent les ASV, sont un territoire privilégié des CLSM : le référentiel national demande d’en privilégier la couverture, et l’ASV se met en place en lien avec le CLSM là où il en existe un. Un ASV sans CLSM signale un quartier fragile sans démarche locale de santé mentale.',
    fix: 'Étudier avec la collectivité et la psychiatrie publique la création d’un CLSM couvrant le quartier de l’ASV, ou l’extension d’un CLSM voisin ; l’ASV peut porter le diagnostic local.',
  },
  *check(ctx) {
    const covered = ctx.coverage('CLSM');
    for (const asv of ctx.active('ASV')) {
      if (asv.perimeter.length === 0 || asv.perimeter.some((c) => covered[c] === 1)) continue;
      // A CLSM in preparation on its territory: the creation is under way.
      if (ctx.preparedOn(asv, 'CLSM')) continue;
      yield { subjects: [asv.mechanism.id], data: { population: asv.population, communes: asv.perimeter.length } };
    }
  },
  describe(f, name) {
    const asv = name(f.subjects[0]);
    return {
      message: `${capitalize(theName(asv))} travaille sur un territoire (${plural(f.data.communes, 'commune')}, ${plural(f.data.population, 'habitant')}) qu'aucun CLSM actif ne couvre.`,
      fix: `Étudier la création d'un CLSM couvrant le territoire ${ofName(asv)}, ou l'extension d'un CLSM voisin, en s'appuyant sur le diagnostic de l'ASV.`,
    };
  },
};
