// Every rule, in catalogue order (DOMAIN.md §5). A rule's file name is its id.
import type { Rule } from './types.ts';
import { rule as ptsmAvisMissing } from './catalogue/ptsm-avis-missing.ts';
// pending: import { rule as ptsmDiagnosticAvisMissing } from './catalogue/ptsm-diagnostic-avis-missing.ts';
// pending: import { rule as ptsmAvisLate } from './catalogue/ptsm-avis-late.ts';
// pending: import { rule as clsMentalHealthMissing } from './catalogue/cls-mental-health-missing.ts';
// pending: import { rule as clsPtsmMissing } from './catalogue/cls-ptsm-missing.ts';
// pending: import { rule as clsClsmUnlinked } from './catalogue/cls-clsm-unlinked.ts';
// pending: import { rule as clsWithoutClsm } from './catalogue/cls-without-clsm.ts';
// pending: import { rule as ptsmClsmCreationObjective } from './catalogue/ptsm-clsm-creation-objective.ts';
// pending: import { rule as asvClsmUnlinked } from './catalogue/asv-clsm-unlinked.ts';
// pending: import { rule as clsmPtsmContributionMissing } from './catalogue/clsm-ptsm-contribution-missing.ts';
// pending: import { rule as departementWithoutPtsm } from './catalogue/departement-without-ptsm.ts';
// pending: import { rule as ptsmExpired } from './catalogue/ptsm-expired.ts';
// pending: import { rule as clsExpired } from './catalogue/cls-expired.ts';
import { rule as clsmOverlap } from './catalogue/clsm-overlap.ts';
// pending: import { rule as ptsmOverlap } from './catalogue/ptsm-overlap.ts';
// pending: import { rule as cptsOverlap } from './catalogue/cpts-overlap.ts';
// pending: import { rule as dacOverlap } from './catalogue/dac-overlap.ts';
// pending: import { rule as clsOverlap } from './catalogue/cls-overlap.ts';
// pending: import { rule as clsmDacComplexCases } from './catalogue/clsm-dac-complex-cases.ts';
// pending: import { rule as coordinatorOverallocated } from './catalogue/coordinator-overallocated.ts';
// pending: import { rule as sharedCoordinator } from './catalogue/shared-coordinator.ts';
// pending: import { rule as duplicateTheme } from './catalogue/duplicate-theme.ts';
import { rule as clsmCopilComposition } from './catalogue/clsm-copil-composition.ts';
// pending: import { rule as clsmCopilFrequency } from './catalogue/clsm-copil-frequency.ts';
// pending: import { rule as clsmPlenaryMissing } from './catalogue/clsm-plenary-missing.ts';
// pending: import { rule as clsmCoordinatorMissing } from './catalogue/clsm-coordinator-missing.ts';
// pending: import { rule as clsmCoordinatorPartTime } from './catalogue/clsm-coordinator-part-time.ts';
// pending: import { rule as clsmCoordinatorUntrained } from './catalogue/clsm-coordinator-untrained.ts';
// pending: import { rule as clsmFundingNotTripartite } from './catalogue/clsm-funding-not-tripartite.ts';
// pending: import { rule as clsmNoCharter } from './catalogue/clsm-no-charter.ts';
// pending: import { rule as clsmNoWorkingGroup } from './catalogue/clsm-no-working-group.ts';
// pending: import { rule as clsmPerimeterSize } from './catalogue/clsm-perimeter-size.ts';

export const RULES: readonly Rule[] = [
  ptsmAvisMissing,
  // pending: ptsmDiagnosticAvisMissing,
  // pending: ptsmAvisLate,
  // pending: clsMentalHealthMissing,
  // pending: clsPtsmMissing,
  // pending: clsClsmUnlinked,
  // pending: clsWithoutClsm,
  // pending: ptsmClsmCreationObjective,
  // pending: asvClsmUnlinked,
  // pending: clsmPtsmContributionMissing,
  // pending: departementWithoutPtsm,
  // pending: ptsmExpired,
  // pending: clsExpired,
  clsmOverlap,
  // pending: ptsmOverlap,
  // pending: cptsOverlap,
  // pending: dacOverlap,
  // pending: clsOverlap,
  // pending: clsmDacComplexCases,
  // pending: coordinatorOverallocated,
  // pending: sharedCoordinator,
  // pending: duplicateTheme,
  clsmCopilComposition,
  // pending: clsmCopilFrequency,
  // pending: clsmPlenaryMissing,
  // pending: clsmCoordinatorMissing,
  // pending: clsmCoordinatorPartTime,
  // pending: clsmCoordinatorUntrained,
  // pending: clsmFundingNotTripartite,
  // pending: clsmNoCharter,
  // pending: clsmNoWorkingGroup,
  // pending: clsmPerimeterSize,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));
