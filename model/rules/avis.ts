// What the avis rules read from the PTSM checklists (model/avis.ts), the same the API shows.
import type { MechanismEntry } from '../graph.ts';
import type { AvisStage } from '../vocabulary.ts';
import type { RuleContext } from './context.ts';

export interface MissingAvis {
  ptsm: MechanismEntry;
  /** The adoption date the avis were due before, when known: the same for every CLSM of the stage. */
  due: string | undefined;
  /** The CLSMs whose avis is missing, in checklist order. */
  clsms: string[];
}

/** For each active PTSM with missing avis at `stage`, those CLSMs. */
export function* missingAvis(ctx: RuleContext, stage: AvisStage): Iterable<MissingAvis> {
  for (const ptsm of ctx.active('PTSM')) {
    const missing = ctx.avis(ptsm).rows.filter((row) => row.stages[stage].state === 'missing');
    if (missing.length) yield { ptsm, due: missing[0].stages[stage].due, clsms: missing.map((row) => row.clsm.id) };
  }
}
