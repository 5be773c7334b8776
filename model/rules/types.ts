import { SEVERITIES, type AvisStage, type Basis, type Category, type LinkKind, type Severity } from '../vocabulary.ts';
import type { RuleContext } from './context.ts';
import type { Fact } from '../states/facts.ts';
import type { FindingState } from '../states/states.ts';

// Severities, categories and bases are vocabularies (model/vocabulary.ts); the rules read them from here too.
export {
  BASES,
  BASIS_LABELS,
  CATEGORIES,
  CATEGORY_LABELS,
  SEVERITIES,
  SEVERITY_LABELS,
  type Basis,
  type Category,
  type Severity,
} from '../vocabulary.ts';

/** The most severe a finding may be by default on each basis: only the law makes errors. */
export const BASIS_SEVERITY_CAP: Record<Basis, Severity> = { loi: 'error', referentiel: 'warning', coherence: 'warning' };

/** True when `severity` is no more severe than `cap`. */
export function withinCap(severity: Severity, cap: Severity): boolean {
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(cap);
}

/** A link whose creation would resolve a finding: drawn as a "ghost" edge. */
export interface LinkSuggestion {
  kind: LinkKind;
  from: string;
  to: string;
  stage?: AvisStage;
}

export interface Finding {
  /** Stable id: rule and subjects. */
  id: string;
  rule: string;
  severity: Severity;
  category: Category;
  /** What the rule rests on: law, framework, or the data's own coherence. */
  basis: Basis;
  /** Ids of the mechanisms, people or links concerned. */
  subjects: string[];
  /** What is wrong, in French. */
  message: string;
  /** Legal or framework reference (with those of the findings folded into this one). */
  reference: string;
  /** The date that made it due, when there is one (the adoption an avis was owed for…). */
  due?: string;
  /** Rules whose finding about the same subjects and fix was folded into this one. */
  folded?: string[];
  /** What would resolve it; `link` when a link is missing. */
  fix: { message: string; link?: LinkSuggestion };
  /** Départements where it applies (for territorial filters). */
  departements: readonly string[];
  /** Typed details, e.g. shared communes and their population for overlaps. */
  data?: FindingData;
  /** Its state (à traiter, vérifié, justifié), when a view attaches it (docs/etats.md). */
  state?: FindingState;
}

export interface FindingData {
  sharedCommunes?: string[];
  sharedPopulation?: number;
  population?: number;
  totalFte?: number;
  theme?: string;
  missingRoles?: string[];
  date?: string;
  [key: string]: unknown;
}

/**
 * What a rule's `check` yields: the facts of one finding, and the typed data its French texts
 * are written from. The engine adds the rule, category and severity; the rule's `describe`
 * writes the texts when someone reads them (a national run may yield hundreds of thousands of
 * findings, of which a view shows a page or a département).
 */
export type RuleFinding<D extends FindingData | undefined = FindingData | undefined> = {
  subjects: string[];
  /** The link whose creation would resolve it (drawn as a ghost edge). */
  link?: LinkSuggestion;
  /** Only for rules whose severity depends on the case (e.g. before/after loi 3DS). */
  severity?: Severity;
  /** Where it applies; by default the départements of its subjects. */
  departements?: readonly string[];
  /** The date that made it due (findings are listed most recent first within a severity). */
  due?: string;
} & (undefined extends D ? { data?: D } : { data: D });

/** A finding as the engine records it: facts only. `writeFinding` (engine.ts) adds its id and French texts. */
export interface FindingRecord {
  rule: string;
  severity: Severity;
  category: Category;
  subjects: string[];
  departements: readonly string[];
  data?: FindingData;
  link?: LinkSuggestion;
  due?: string;
  /** Rules whose finding (same subjects, same fix) was folded into this one (see engine.ts). */
  folded?: string[];
}

/** A finding's French texts: what is wrong, and what would resolve it. */
export interface FindingText {
  message: string;
  fix: string;
}

/** Display name of a subject: a mechanism's name, a person's label. */
export type NameOf = (id: string) => string;

export interface RuleDocs {
  /** Short French title. */
  title: string;
  /** What the rule detects (French). */
  what: string;
  /** Why it matters (French). */
  why: string;
  /** How to fix it (French). */
  fix: string;
}

/** A rule; `D` is the type of its findings' data (`undefined` when they carry none). */
export interface Rule<D extends FindingData | undefined = FindingData | undefined> {
  id: string;
  category: Category;
  /** What it rests on; caps its severity (BASIS_SEVERITY_CAP). */
  basis: Basis;
  /** The facts of its subjects it reads: a state set on its finding reopens when one of them changes (docs/etats.md). */
  facts: readonly Fact[];
  defaultSeverity: Severity;
  reference: string;
  docs: RuleDocs;
  check(ctx: RuleContext): Iterable<RuleFinding<D>>;
  /** The French texts of one of its findings, from its subjects' names and its data. */
  describe(finding: RuleFinding<D>, name: NameOf): FindingText;
}

/** A rule whatever its data type, as the registry and the engine hold them. */
// Each rule's data type is checked in its own module; here it is erased.
export type AnyRule = Rule<any>;

/** Thresholds a profile may change. */
export interface RuleSettings {
  /** `clsm-perimeter-size`: acceptable CLSM population band (reference: 107,000 in 2022). */
  clsmPopulationBand: { min: number; max: number };
  /** `ptsm-expired`: validity of a PTSM in years (R.3224-1). */
  ptsmValidityYears: number;
}

/** Tolerance when comparing sums of FTE to a full time (0.1 + 0.2 + 0.7 is one FTE). */
export const FTE_EPSILON = 1e-9;

export const DEFAULT_SETTINGS: RuleSettings = {
  clsmPopulationBand: { min: 20_000, max: 400_000 },
  ptsmValidityYears: 5,
};

export interface Profile {
  /** Severity per rule id, or `off` to disable it. */
  severities?: Record<string, Severity | 'off'>;
  settings?: Partial<RuleSettings>;
}
