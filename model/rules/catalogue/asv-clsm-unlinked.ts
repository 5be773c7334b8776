import { pairFinding, unlinkedPairMessage, type OverlapData } from '../overlap.ts';
import type { Rule } from '../types.ts';
import { theName, toName } from '../../text.ts';

export const rule: Rule<OverlapData> = {
  id: 'asv-clsm-unlinked',
  category: 'missing-link',
  basis: 'referentiel',
  facts: ['territory', 'status', 'links'],
  defaultSeverity: 'warning',
  reference: 'Instruction DGS/SP4/CGET/2016/289 du 30 septembre 2016 (CLSM dans le cadre des contrats de ville), complétée par l’instruction DGS/SP4/2025/8, annexe 1 §3 (priorité aux quartiers de la politique de la ville)',
  docs: {
    title: 'ASV et CLSM sans lien',
    what: "Un atelier santé ville (ASV) actif et un CLSM actif ont des communes en commun, mais aucun lien n'est déclaré entre eux.",
    why: 'L’ASV se met en place en lien avec le CLSM lorsqu’il en existe un, et son coordonnateur siège au COPIL du CLSM : les quartiers prioritaires de la politique de la ville sont un territoire privilégié des CLSM, et les deux démarches y partagent diagnostic et acteurs.',
    fix: 'Articuler l’ASV et le CLSM (coordonnateur de l’ASV au COPIL du CLSM, diagnostic partagé, feuille de route commune) et l’enregistrer comme lien « articulation ».',
  },
  *check(ctx) {
    for (const pair of ctx.sharedPairs('ASV', 'CLSM')) {
      if (ctx.model.linkedEntries(pair.a, pair.b)) continue;
      yield pairFinding(ctx, pair, { kind: 'articulation', from: pair.a.mechanism.id, to: pair.b.mechanism.id });
    }
  },
  describe(f, name) {
    const [asv, clsm] = f.subjects.map(name);
    return {
      message: unlinkedPairMessage(f, name),
      fix: `Associer ${theName(asv)} ${toName(clsm)} (coordonnateur de l'ASV au COPIL du CLSM, diagnostic partagé) et enregistrer le lien « articulation ».`,
    };
  },
};
