// Finding states (docs/etats.md): the facts a finding rests on, and the state it is in.
import type { ArticulationModel } from '../graph.ts';
import { theName } from '../text.ts';
import type { SubjectName } from './states.ts';

export * from './facts.ts';
export * from './states.ts';

/** Names of a finding's subjects for messages: mechanisms and people by name, a link by its ends (« CLSM de Niort vers le PTSM des Deux-Sèvres »). */
export function subjectNamer(model: ArticulationModel): SubjectName {
  const links = new Map<string, { from: string; to: string }>();
  return (id) => {
    if (model.byId.has(id) || model.people.has(id)) return model.nameOf(id);
    if (links.size === 0) for (const l of model.links) links.set(l.id, l);
    const link = links.get(id);
    return link ? `${model.nameOf(link.from)} vers ${theName(model.nameOf(link.to))}` : id;
  };
}
