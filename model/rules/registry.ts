// Every rule, in catalogue order (DOMAIN.md §5). A rule's file name is its id.
import type { AnyRule } from './types.ts';
import { rule as ptsmAvisMissing } from './catalogue/ptsm-avis-missing.ts';
import { rule as ptsmDiagnosticAvisMissing } from './catalogue/ptsm-diagnostic-avis-missing.ts';
import { rule as ptsmAvisReserves } from './catalogue/ptsm-avis-reserves.ts';
import { rule as ptsmAvisLate } from './catalogue/ptsm-avis-late.ts';
import { rule as clsMentalHealthMissing } from './catalogue/cls-mental-health-missing.ts';
import { rule as clsPtsmMissing } from './catalogue/cls-ptsm-missing.ts';
import { rule as clsClsmUnlinked } from './catalogue/cls-clsm-unlinked.ts';
import { rule as clsWithoutClsm } from './catalogue/cls-without-clsm.ts';
import { rule as ptsmClsmCreationObjective } from './catalogue/ptsm-clsm-creation-objective.ts';
import { rule as asvClsmUnlinked } from './catalogue/asv-clsm-unlinked.ts';
import { rule as asvWithoutClsm } from './catalogue/asv-without-clsm.ts';
import { rule as clsmPtsmContributionMissing } from './catalogue/clsm-ptsm-contribution-missing.ts';
import { rule as departementWithoutPtsm } from './catalogue/departement-without-ptsm.ts';
import { rule as ptsmCoverageGap } from './catalogue/ptsm-coverage-gap.ts';
import { rule as ptsmPrioritiesIncomplete } from './catalogue/ptsm-priorities-incomplete.ts';
import { rule as ptsmExpired } from './catalogue/ptsm-expired.ts';
import { rule as clsExpired } from './catalogue/cls-expired.ts';
import { rule as clsmOverlap } from './catalogue/clsm-overlap.ts';
import { rule as ptsmOverlap } from './catalogue/ptsm-overlap.ts';
import { rule as cptsOverlap } from './catalogue/cpts-overlap.ts';
import { rule as dacOverlap } from './catalogue/dac-overlap.ts';
import { rule as clsOverlap } from './catalogue/cls-overlap.ts';
import { rule as clsmDacComplexCases } from './catalogue/clsm-dac-complex-cases.ts';
import { rule as coordinatorOverallocated } from './catalogue/coordinator-overallocated.ts';
import { rule as sharedCoordinator } from './catalogue/shared-coordinator.ts';
import { rule as duplicateTheme } from './catalogue/duplicate-theme.ts';
import { rule as clsmCopilComposition } from './catalogue/clsm-copil-composition.ts';
import { rule as clsmCopilFrequency } from './catalogue/clsm-copil-frequency.ts';
import { rule as clsmPlenaryMissing } from './catalogue/clsm-plenary-missing.ts';
import { rule as clsmCoordinatorMissing } from './catalogue/clsm-coordinator-missing.ts';
import { rule as clsmCoordinatorPartTime } from './catalogue/clsm-coordinator-part-time.ts';
import { rule as clsmCoordinatorUntrained } from './catalogue/clsm-coordinator-untrained.ts';
import { rule as clsmFundingNotTripartite } from './catalogue/clsm-funding-not-tripartite.ts';
import { rule as clsmNoCharter } from './catalogue/clsm-no-charter.ts';
import { rule as clsmNoWorkingGroup } from './catalogue/clsm-no-working-group.ts';
import { rule as clsmPerimeterSize } from './catalogue/clsm-perimeter-size.ts';
import { rule as communeCodeOutdated } from './catalogue/commune-code-outdated.ts';

export const RULES: readonly AnyRule[] = [
  ptsmAvisMissing,
  ptsmDiagnosticAvisMissing,
  ptsmAvisReserves,
  ptsmAvisLate,
  clsMentalHealthMissing,
  clsPtsmMissing,
  clsClsmUnlinked,
  clsWithoutClsm,
  ptsmClsmCreationObjective,
  asvClsmUnlinked,
  asvWithoutClsm,
  clsmPtsmContributionMissing,
  departementWithoutPtsm,
  ptsmCoverageGap,
  ptsmPrioritiesIncomplete,
  ptsmExpired,
  clsExpired,
  clsmOverlap,
  ptsmOverlap,
  cptsOverlap,
  dacOverlap,
  clsOverlap,
  clsmDacComplexCases,
  coordinatorOverallocated,
  sharedCoordinator,
  duplicateTheme,
  clsmCopilComposition,
  clsmCopilFrequency,
  clsmPlenaryMissing,
  clsmCoordinatorMissing,
  clsmCoordinatorPartTime,
  clsmCoordinatorUntrained,
  clsmFundingNotTripartite,
  clsmNoCharter,
  clsmNoWorkingGroup,
  clsmPerimeterSize,
  communeCodeOutdated,
];

export const RULES_BY_ID: ReadonlyMap<string, AnyRule> = new Map(RULES.map((r) => [r.id, r]));
