import { describeOverlap, sameKindOverlaps, type OverlapData } from '../overlap.ts';
import type { Rule } from '../types.ts';
import { ofName } from '../../text.ts';

export const rule: Rule<OverlapData> = {
  id: 'ptsm-overlap',
  category: 'overlap',
  basis: 'coherence',
  facts: ['territory', 'status', 'links'],
  defaultSeverity: 'warning',
  reference: 'CSP art. L. 3221-2 ; instruction DGS/SP4/2025/8, annexe 2 (échelle territoriale du PTSM)',
  docs: {
    title: 'PTSM qui se chevauchent',
    what: 'Deux PTSM actifs couvrent au moins une commune en commun. Deux dispositifs déjà reliés par un lien déclaré sont articulés : le chevauchement n’est alors qu’une information.',
    why: "Le PTSM est arrêté par le directeur général de l'ARS pour un territoire, le plus souvent le département ; deux projets sur les mêmes communes fixent des priorités concurrentes et brouillent les avis des CLSM et la prise en compte par les CLS.",
    fix: "Vérifier les territoires déclarés des deux PTSM : corriger le périmètre, ou clore l'ancien projet s'il a été remplacé.",
  },
  check: (ctx) => sameKindOverlaps(ctx, 'PTSM'),
  describe: (f, name) => describeOverlap('PTSM', f, name, (a, b) => `Corriger les territoires ${ofName(a)} et ${ofName(b)}, ou clore celui qui a été remplacé.`),
};
