// Shared logic of the five same-kind overlap rules (clsm-, ptsm-, cpts-, dac-, cls-overlap).
import type { MechanismKind } from '../vocabulary.ts';
import type { RuleContext } from './context.ts';
import type { FindingText, NameOf, RuleFinding } from './types.ts';
import { capitalize, leadingKind, plural, theName } from '../text.ts';

export type OverlapData = { sharedCommunes: string[]; sharedPopulation: number };

/** One finding per pair of active mechanisms of `kind` sharing communes, with those communes. */
export function* sameKindOverlaps(ctx: RuleContext, kind: MechanismKind): Iterable<RuleFinding<OverlapData>> {
  for (const pair of ctx.sharedPairs(kind)) {
    const shared = ctx.describeCommunes(pair.communes);
    yield {
      subjects: [pair.a.mechanism.id, pair.b.mechanism.id],
      departements: shared.departements,
      data: { sharedCommunes: shared.codes, sharedPopulation: shared.population },
    };
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
    message: `${capitalize(theName(a))} et ${theName(b)}${kindShown} se chevauchent sur ${plural(f.data.sharedCommunes.length, 'commune')} (${plural(f.data.sharedPopulation, 'habitant')}).`,
    fix: fix(a, b),
  };
}
