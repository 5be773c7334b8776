import { describeOverlap, sameKindOverlaps, type OverlapData } from '../overlap.ts';
import type { Rule } from '../types.ts';
import { ofName } from '../../text.ts';

export const rule: Rule<OverlapData> = {
  id: 'cpts-overlap',
  category: 'overlap',
  basis: 'referentiel',
  facts: ['territory', 'status', 'links'],
  defaultSeverity: 'warning',
  reference: 'CSP art. L. 1434-12 (communautés professionnelles territoriales de santé) ; accord conventionnel interprofessionnel CPTS du 20 juin 2019 (territoire d’action)',
  docs: {
    title: 'CPTS qui se chevauchent',
    what: 'Deux CPTS actives couvrent au moins une commune en commun. Deux dispositifs déjà reliés par un lien déclaré sont articulés : le chevauchement n’est alors qu’une information.',
    why: 'Un même territoire ne devrait pas accueillir plusieurs CPTS : les professionnels de santé et les partenaires (dont le CLSM) ne savent plus à quelle communauté s’adresser, et les missions se dédoublent.',
    fix: 'Redécouper les territoires d’action des deux CPTS pour qu’ils ne se recouvrent plus, ou les regrouper.',
  },
  check: (ctx) => sameKindOverlaps(ctx, 'CPTS'),
  describe: (f, name) => describeOverlap('CPTS', f, name, (a, b) => `Redécouper les territoires ${ofName(a)} et ${ofName(b)}, ou regrouper les deux CPTS.`),
};
