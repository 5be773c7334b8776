import { formatDateFr } from '../../dates.ts';
import type { MechanismEntry } from '../../graph.ts';
import { LOI_3DS_IN_FORCE } from '../../vocabulary.ts';
import type { RuleContext } from '../context.ts';
import type { Rule } from '../types.ts';
import { capitalize, ofName, theName, toName } from '../../text.ts';

/** The active CLSM sharing the most population with `cls` (ties: most communes, then id), if any. */
function closestClsm(ctx: RuleContext, cls: MechanismEntry): MechanismEntry | undefined {
  let best: { entry: MechanismEntry; population: number; communes: number } | undefined;
  for (const clsm of ctx.intersecting(cls, 'CLSM')) {
    const shared = ctx.model.sharedCommunes(cls, clsm);
    const population = ctx.model.territories.populationOf(shared);
    const better =
      !best ||
      population > best.population ||
      (population === best.population && (shared.length > best.communes || (shared.length === best.communes && clsm.mechanism.id < best.entry.mechanism.id)));
    if (better) best = { entry: clsm, population, communes: shared.length };
  }
  return best?.entry;
}

/** When the contract was signed (or, failing that, started); absent when neither is known. */
type SignatureData = { date: string; dateOf: 'signature' | 'start' };

export const rule: Rule<SignatureData | undefined> = {
  id: 'cls-mental-health-missing',
  category: 'missing-link',
  defaultSeverity: 'error',
  reference: 'CSP art. L. 1434-10 IV (loi n° 2022-217 du 21 février 2022, dite « 3DS ») ; instruction DGS/SP4/2025/8, annexe 1 §8 et annexe 2',
  docs: {
    title: 'CLS sans volet santé mentale',
    what: "Un CLS actif n'a pas de volet santé mentale : il ne le déclare pas et aucun CLSM n'est enregistré comme son volet santé mentale. Erreur si le contrat a été signé (à défaut, a commencé) depuis l'entrée en vigueur de la loi 3DS, le 23 février 2022 ; information sinon (volet à intégrer au renouvellement) ou quand la date de signature est inconnue.",
    why: 'Depuis la loi 3DS, « les contrats locaux de santé comportent un volet consacré à la santé mentale, qui tient compte du projet territorial de santé mentale » (art. L. 1434-10 IV du CSP) ; ce volet peut être le CLSM.',
    fix: 'Intégrer au CLS un volet santé mentale, par avenant ou au renouvellement ; lorsqu’un CLSM existe sur le territoire, l’enregistrer comme volet santé mentale du CLS (lien « volet santé mentale »).',
  },
  *check(ctx) {
    for (const cls of ctx.active('CLS')) {
      if (ctx.hasMentalHealthComponent(cls)) continue;
      const m = cls.mechanism;
      const signed = m.dates?.signed ?? m.dates?.start;
      const clsm = closestClsm(ctx, cls);
      yield {
        subjects: [m.id],
        severity: signed !== undefined && signed >= LOI_3DS_IN_FORCE ? 'error' : 'info',
        // The closest CLSM can become its mental-health component.
        ...(clsm ? { link: { kind: 'volet-sante-mentale', from: m.id, to: clsm.mechanism.id } } : {}),
        ...(signed !== undefined ? { data: { date: signed, dateOf: m.dates?.signed !== undefined ? 'signature' : 'start' } } : {}),
      };
    }
  },
  describe(f, name) {
    const cls = name(f.subjects[0]);
    const signed = f.data?.date;
    const signedLabel = f.data?.dateOf === 'signature' ? 'signé' : 'commencé';
    // The variant follows the dates, not f.severity, which a profile may override.
    const message =
      signed === undefined
        ? `${capitalize(theName(cls))} n'a pas de volet santé mentale ; sa date de signature est inconnue, si bien qu'on ne sait pas s'il relève déjà de l'obligation issue de la loi 3DS (contrats signés depuis le ${formatDateFr(LOI_3DS_IN_FORCE)}).`
        : signed >= LOI_3DS_IN_FORCE
          ? `${capitalize(theName(cls))}, ${signedLabel} le ${formatDateFr(signed)}, n'a pas de volet santé mentale, obligatoire pour les contrats signés depuis l'entrée en vigueur de la loi 3DS (${formatDateFr(LOI_3DS_IN_FORCE)}).`
          : `${capitalize(theName(cls))}, ${signedLabel} le ${formatDateFr(signed)}, avant la loi 3DS, n'a pas de volet santé mentale : un tel volet sera à intégrer au renouvellement du contrat.`;
    return {
      message,
      fix: f.link
        ? `Faire ${ofName(name(f.link.to))} le volet santé mentale ${ofName(cls)} (lien « volet santé mentale »), ou doter le contrat d'un volet santé mentale qui tienne compte du PTSM.`
        : `Intégrer ${toName(cls)} un volet santé mentale qui tienne compte du PTSM ; envisager la création d'un CLSM sur son territoire.`,
    };
  },
};
