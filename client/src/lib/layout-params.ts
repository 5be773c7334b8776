// How much ForceAtlas2 work a graph gets (shared by the layout worker, kept free of imports
// so that the worker's bundle stays small).

/** Iterations of ForceAtlas2 for a graph (or a département group) of this order: enough to settle, bounded in time. */
export function layoutIterations(order: number): number {
  if (order <= 60) return 200;
  if (order <= 200) return 150;
  if (order <= 1000) return 100;
  if (order <= 4000) return 60;
  return 30;
}
