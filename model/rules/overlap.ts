// Findings about pairs of mechanisms that share communes: the five same-kind overlap rules
// (clsm-, ptsm-, cpts-, dac-, cls-overlap) and the unlinked-pair rules (cls-clsm-, asv-clsm-unlinked).
import type { MechanismKind } from '../vocabulary.ts';
import type { RuleContext, SharedPair } from './context.ts';
import type { FindingText, LinkSuggestion, NameOf, RuleFinding } from './types.ts';
import { capitalize, leadingKind, plural, theName } from '../text.ts';

/** Where a pair meets; `linked` when a declared link already articulates them. */
export type OverlapData = { sharedCommunes: string[]; sharedPopulation: number; linked?: true };

/** The finding about a pair: its two mechanisms, where they meet, the shared communes and their population. */
export function pairFinding(ctx: RuleContext, pair: SharedPair, link?: LinkSuggestion): RuleFinding<OverlapData> {
  const shared = ctx.describeCommunes(pair.communes);
  return {
    subjects: [pair.a.mechanism.id, pair.b.mechanism.id],
    link,
    departements: shared.departements,
    data: { sharedCommunes: shared.codes, sharedPopulation: shared.population },
  };
}

/** What a pair shares, for a sentence: "3 communes (12 000 habitants)". */
export function sharedExtent(data: OverlapData): string {
  return `${plural(data.sharedCommunes.length, 'commune')} (${plural(data.sharedPopulation, 'habitant')})`;
}

/**
 * One finding per pair of active mechanisms of `kind` sharing communes, with those communes. A
 * pair already linked by a declared link is articulated: at most information (DOMAIN.md §5).
 */
export function* sameKindOverlaps(ctx: RuleContext, kind: MechanismKind): Iterable<RuleFinding<OverlapData>> {
  for (const pair of ctx.sharedPairs(kind)) {
    const finding = pairFinding(ctx, pair);
    if (ctx.model.linkedEntries(pair.a, pair.b)) {
      finding.severity = 'info';
      finding.data = { ...finding.data, linked: true };
    }
    yield finding;
  }
}

/**
 * The texts of a same-kind overlap. `fix` receives the two names as written; put them in a
 * sentence with the helpers of model/text.ts.
 */
export function describeOverlap(kind: MechanismKind, f: RuleFinding<OverlapData>, name: NameOf, fix: (a: string, b: string) => string): FindingText {
  const [a, b] = f.subjects.map(name);
  // "Le CLSM de Niort et le CLSM du Niortais se chevauchent…": the kind is spelt out only when a name does not begin with it.
  const kindShown = leadingKind(a) === kind && leadingKind(b) === kind ? '' : ` (${kind})`;
  return {
    message: `${capitalize(theName(a))} et ${theName(b)}${kindShown} se chevauchent sur ${sharedExtent(f.data)}${f.data.linked ? ', mais un lien déclaré les articule déjà' : ''}.`,
    fix: f.data.linked ? `Vérifier que l'articulation déclarée entre ${theName(a)} et ${theName(b)} répartit bien le travail sur les communes partagées.` : fix(a, b),
  };
}

/** The message of an unlinked pair: "Le CLS … et le CLSM … partagent 3 communes (12 000 habitants) sans lien déclaré entre eux." */
export function unlinkedPairMessage(f: RuleFinding<OverlapData>, name: NameOf): string {
  const [a, b] = f.subjects.map(name);
  return `${capitalize(theName(a))} et ${theName(b)} partagent ${sharedExtent(f.data)} sans lien déclaré entre eux.`;
}
