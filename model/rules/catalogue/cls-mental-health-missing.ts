import { formatDateFr, knownStart } from '../../dates.ts';
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

/**
 * When the contract was signed (or, failing that, started), when known; and whether it says it has
 * no mental-health component (`declared: false`) or says nothing (absent: « ne déclare pas »).
 */
type SignatureData = { date?: string; dateOf?: 'signature' | 'start'; declared?: false };

export const rule: Rule<SignatureData> = {
  id: 'cls-mental-health-missing',
  category: 'missing-link',
  basis: 'loi',
  facts: ['mentalHealthComponent', 'dates', 'status', 'links:volet-sante-mentale'],
  defaultSeverity: 'error',
  reference: 'CSP art. L. 1434-10 IV (loi n° 2022-217 du 21 février 2022, dite « 3DS ») ; instruction DGS/SP4/2025/8, annexe 1 §8 et annexe 2',
  docs: {
    title: 'CLS sans volet santé mentale',
    what: "Un CLS actif n'a pas de volet santé mentale : il ne le déclare pas et aucun CLSM actif n'est enregistré comme son volet santé mentale. Erreur si le contrat, signé (à défaut, commencé) depuis l'entrée en vigueur de la loi 3DS le 23 février 2022, déclare n'en avoir pas ; avertissement « à vérifier » s'il ne dit rien (donnée absente, qui n'est pas un manquement) ; information pour un contrat antérieur (volet à intégrer au renouvellement) ou dont la date de signature est inconnue.",
    why: 'Depuis la loi 3DS, « les contrats locaux de santé comportent un volet consacré à la santé mentale, qui tient compte du projet territorial de santé mentale » (art. L. 1434-10 IV du CSP) ; ce volet peut être le CLSM.',
    fix: 'Intégrer au CLS un volet santé mentale, par avenant ou au renouvellement ; lorsqu’un CLSM existe sur le territoire, l’enregistrer comme volet santé mentale du CLS (lien « volet santé mentale »).',
  },
  *check(ctx) {
    for (const cls of ctx.active('CLS')) {
      if (ctx.hasMentalHealthComponent(cls)) continue;
      const m = cls.mechanism;
      const start = knownStart(m);
      const signed = m.dates?.signed ?? start;
      const declaredNone = m.mentalHealthComponent === false;
      const bound = signed !== undefined && signed >= LOI_3DS_IN_FORCE;
      // Only a CLS that says it has no component breaches the law; one that says nothing is « à vérifier » (docs/format.md, « Inconnu n’est pas faux »).
      const severity = !bound ? 'info' : declaredNone ? 'error' : 'warning';
      const clsm = closestClsm(ctx, cls);
      yield {
        subjects: [m.id],
        severity,
        // The closest CLSM can become its mental-health component.
        ...(clsm ? { link: { kind: 'volet-sante-mentale', from: m.id, to: clsm.mechanism.id } } : {}),
        data: {
          ...(signed !== undefined ? { date: signed, dateOf: m.dates?.signed !== undefined ? ('signature' as const) : ('start' as const) } : {}),
          ...(declaredNone ? { declared: false as const } : {}),
        },
        due: signed,
      };
    }
  },
  describe(f, name) {
    const cls = name(f.subjects[0]);
    const { date: signed, dateOf, declared } = f.data;
    const signedLabel = dateOf === 'signature' ? 'signé' : 'commencé';
    // The component is absent by declaration, or not declared at all (unknown, not false).
    const lacks = declared === false ? "déclare n'avoir pas de volet santé mentale" : 'ne déclare pas de volet santé mentale';
    // The variant follows the dates, not f.severity, which a profile may override.
    const message =
      signed === undefined
        ? `${capitalize(theName(cls))} ${lacks} ; sa date de signature est inconnue, si bien qu'on ne sait pas s'il relève déjà de l'obligation issue de la loi 3DS (contrats signés depuis le ${formatDateFr(LOI_3DS_IN_FORCE)}).`
        : signed >= LOI_3DS_IN_FORCE
          ? declared === false
            ? `${capitalize(theName(cls))}, ${signedLabel} le ${formatDateFr(signed)}, ${lacks}, obligatoire pour les contrats signés depuis l'entrée en vigueur de la loi 3DS (${formatDateFr(LOI_3DS_IN_FORCE)}).`
            : `${capitalize(theName(cls))}, ${signedLabel} le ${formatDateFr(signed)}, ${lacks} (donnée non renseignée) : à vérifier, ce volet étant obligatoire pour les contrats signés depuis l'entrée en vigueur de la loi 3DS (${formatDateFr(LOI_3DS_IN_FORCE)}).`
          : `${capitalize(theName(cls))}, ${signedLabel} le ${formatDateFr(signed)}, avant la loi 3DS, ${lacks} : un tel volet sera à intégrer au renouvellement du contrat.`;
    return {
      message,
      fix: f.link
        ? `Faire ${ofName(name(f.link.to))} le volet santé mentale ${ofName(cls)} (lien « volet santé mentale »), ou doter le contrat d'un volet santé mentale qui tienne compte du PTSM${declared === false ? '' : ' ; s’il en a déjà un, le renseigner'}.`
        : `Intégrer ${toName(cls)} un volet santé mentale qui tienne compte du PTSM ; envisager la création d'un CLSM sur son territoire${declared === false ? '' : ' ; s’il en a déjà un, le renseigner'}.`,
    };
  },
};
