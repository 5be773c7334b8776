// Shared logic of the five same-kind overlap rules (clsm-, ptsm-, cpts-, dac-, cls-overlap).
import type { MechanismKind } from '../vocabulary.ts';
import type { RuleContext } from './context.ts';
import type { RuleFinding } from './types.ts';
import { capitalize, leadingKind, plural, theName } from '../text.ts';

/**
 * One finding per pair of active mechanisms of `kind` sharing communes, with those communes.
 * `fix` receives the two names as written; put them in a sentence with the helpers of model/text.ts.
 */
export function* sameKindOverlaps(ctx: RuleContext, kind: MechanismKind, fix: (a: string, b: string) => string): Iterable<RuleFinding> {
  for (const pair of ctx.sharedPairs(kind)) {
    const [a, b] = [pair.a.mechanism, pair.b.mechanism];
    const shared = ctx.describeCommunes(pair.communes);
    // "Le CLSM de Niort et le CLSM du Niortais se chevauchent…": the kind is spelt out only when a name does not begin with it.
    const kindShown = leadingKind(a.name) === kind && leadingKind(b.name) === kind ? '' : ` (${kind})`;
    yield {
      subjects: [a.id, b.id],
      message: `${capitalize(theName(a.name))} et ${theName(b.name)}${kindShown} se chevauchent sur ${plural(shared.codes.length, 'commune')} (${plural(shared.population, 'habitant')}).`,
      fix: { message: fix(a.name, b.name) },
      departements: shared.departements,
      data: { sharedCommunes: shared.codes, sharedPopulation: shared.population },
    };
  }
}
