// Shared logic of the five same-kind overlap rules (clsm-, ptsm-, cpts-, dac-, cls-overlap).
import type { MechanismKind } from '../vocabulary.ts';
import type { RuleContext } from './context.ts';
import type { RuleFinding } from './types.ts';
import { formatInteger } from '../text.ts';


/** One finding per pair of active mechanisms of `kind` sharing communes, with those communes. */
export function* sameKindOverlaps(ctx: RuleContext, kind: MechanismKind, fix: (a: string, b: string) => string): Iterable<RuleFinding> {
  for (const pair of ctx.sharedPairs(kind)) {
    const [a, b] = [pair.a.mechanism, pair.b.mechanism];
    const shared = ctx.describeCommunes(pair.communes);
    yield {
      subjects: [a.id, b.id],
      message: `${a.name} et ${b.name} (${kind}) se chevauchent sur ${shared.codes.length} commune${shared.codes.length > 1 ? 's' : ''} (${formatInteger(shared.population)} habitants).`,
      fix: { message: fix(a.name, b.name) },
      departements: shared.departements,
      data: { sharedCommunes: shared.codes, sharedPopulation: shared.population },
    };
  }
}
