// Deterministic pseudo-random numbers: the layout must give the same picture on every load.

export { fnv1a as hashString, mulberry32 } from '../../../model/random.ts';
import { fnv1a, mulberry32 } from '../../../model/random.ts';

/** A generator seeded by a string (e.g. a node id) and a global seed. */
export function seededRandom(key: string, seed = 79): () => number {
  return mulberry32(fnv1a(key, (0x811c9dc5 ^ seed) >>> 0));
}
