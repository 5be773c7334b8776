// The model's public surface: pure, shared by the server and the client.
export * from './vocabulary.ts';
export * from './schema.ts';
export * from './dates.ts';
export * from './text.ts';
export { TerritoryIndex, type TerritoryHit, type RawTerritoryData } from './territory.ts';
export { validateDataset, type Problem, type ValidationResult } from './validate.ts';
export { ArticulationModel, type MechanismEntry } from './graph.ts';
export { avisChecklist, type AvisChecklist } from './avis.ts';
export { runRules, evaluateRules, writeFinding, findingId, createContext, type RunOptions } from './rules/engine.ts';
export { RULES, RULES_BY_ID } from './rules/registry.ts';
export type { Finding, FindingRecord, Rule, RuleDocs, Profile } from './rules/types.ts';
export { computeIndicators, type Indicators, type AreaIndicators, type IndicatorLevel, type Share } from './indicators.ts';
export { buildGraphView, type GraphView, type GraphNode, type GraphEdge, type GraphEdgeType } from './views.ts';
export * from './states/index.ts';
