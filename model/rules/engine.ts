// Runs the registered rules at a reference date, with a profile and an optional territorial filter.
import { today } from '../dates.ts';
import type { ArticulationModel } from '../graph.ts';
import { RuleContext } from './context.ts';
import { RULES, RULES_BY_ID } from './registry.ts';
import { CATEGORIES, DEFAULT_SETTINGS, SEVERITIES, type AnyRule, type Basis, type Finding, type FindingRecord, type NameOf, type Profile } from './types.ts';

export interface RunOptions {
  /** Reference date, ISO; default today. */
  asOf?: string;
  profile?: Profile;
  /** Only these rule ids (default: all). */
  rules?: readonly string[];
  /** Keep findings touching these départements / régions. */
  departements?: readonly string[];
  regions?: readonly string[];
  /**
   * The model's view at `asOf` with the default settings, shared with other readers of the same
   * date (indicators, a scenario's comparison): what one computes (coverage, avis checklists) the
   * others reuse. Ignored when a profile changes the settings.
   */
  context?: RuleContext;
}

export function createContext(model: ArticulationModel, options: Pick<RunOptions, 'asOf' | 'profile'> = {}): RuleContext {
  return new RuleContext(model, options.asOf ?? today(), { ...DEFAULT_SETTINGS, ...options.profile?.settings });
}

/**
 * Runs the rules: the facts of every finding, without their texts (see `writeFinding`). Findings
 * that suggest the same fix are folded into one (see `foldSameFix`), then ordered as docs/regles.md says
 * says: by severity, then by the date that made them due, most recent first (those without one
 * after), then by category, rule id, and as each rule yields them.
 */
export function evaluateRules(model: ArticulationModel, options: RunOptions = {}, rules: readonly AnyRule[] = RULES): FindingRecord[] {
  const shared = options.context && !options.profile?.settings && options.context.model === model && options.context.asOf === (options.asOf ?? options.context.asOf);
  const ctx = shared ? options.context! : createContext(model, options);
  const severities = options.profile?.severities ?? {};
  const only = options.rules ? new Set(options.rules) : undefined;
  const filter = territorialFilter(model, options);
  const strength = new Map(rules.map((r, i) => [r.id, i]));
  const folding = new SameFixFolding(strength);
  // Buckets by severity × category, rules taken in id order: a linear sort, however many findings.
  const buckets: FindingRecord[][] = Array.from({ length: SEVERITIES.length * CATEGORIES.length }, () => []);
  for (const rule of [...rules].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (only && !only.has(rule.id)) continue;
    const override = severities[rule.id];
    if (override === 'off') continue;
    for (const f of rule.check(ctx)) {
      const departements = f.departements ?? departementsOfSubjects(model, f.subjects);
      if (filter && !departements.some((d) => filter.has(d))) continue;
      const severity = override ?? f.severity ?? rule.defaultSeverity;
      // One shape for every record (absent fields are undefined, which JSON leaves out).
      const record: FindingRecord = { rule: rule.id, severity, category: rule.category, subjects: f.subjects, departements, data: f.data, link: f.link, due: f.due, folded: undefined };
      if (f.link) folding.add(record, rule.basis);
      buckets[severityRank(severity) * CATEGORIES.length + categoryRank(rule.category)].push(record);
    }
  }
  const out: FindingRecord[] = [];
  for (let s = 0; s < SEVERITIES.length; s++) {
    const dated: FindingRecord[] = [];
    const undated: FindingRecord[] = [];
    for (let c = 0; c < CATEGORIES.length; c++) {
      for (const record of buckets[s * CATEGORIES.length + c]) {
        if (folding.isFolded(record)) continue;
        (record.due === undefined ? undated : dated).push(record);
      }
    }
    dated.sort((a, b) => (a.due! > b.due! ? -1 : a.due! < b.due! ? 1 : 0)); // stable: ties keep category and rule order
    for (const list of [dated, undated]) for (const record of list) out.push(record);
  }
  return out;
}

/** Basis strength when two findings of the same severity suggest the same fix: the law first. */
const BASIS_RANK = { loi: 0, coherence: 1, referentiel: 2 } as const;

/**
 * One problem, one finding (docs/regles.md): findings that suggest the same link (the same pair,
 * resolved by the same link; an articulation either way round) are folded into the strongest —
 * more severe, then resting on the law, then earlier in the catalogue — which names the others
 * in `folded`. Runs after the profile's severities, so a rule switched off folds nothing away.
 */
class SameFixFolding {
  private readonly kept = new Map<string, { record: FindingRecord; basis: Basis }>();
  private readonly dropped = new Set<FindingRecord>();

  constructor(private readonly catalogueOrder: ReadonlyMap<string, number>) {}

  add(record: FindingRecord, basis: Basis): void {
    const { kind, from, to, stage } = record.link!;
    const [a, b] = kind === 'articulation' && to < from ? [to, from] : [from, to];
    const key = `${kind}|${a}|${b}|${stage ?? ''}`;
    const current = this.kept.get(key);
    if (!current) {
      this.kept.set(key, { record, basis });
      return;
    }
    const [strong, weak] = this.stronger({ record, basis }, current) ? [{ record, basis }, current] : [current, { record, basis }];
    strong.record.folded = [...(strong.record.folded ?? []), weak.record.rule, ...(weak.record.folded ?? [])];
    weak.record.folded = undefined;
    this.dropped.add(weak.record);
    this.kept.set(key, strong);
  }

  isFolded(record: FindingRecord): boolean {
    return this.dropped.has(record);
  }

  private stronger(x: { record: FindingRecord; basis: Basis }, y: { record: FindingRecord; basis: Basis }): boolean {
    const bySeverity = severityRank(x.record.severity) - severityRank(y.record.severity);
    if (bySeverity !== 0) return bySeverity < 0;
    const byBasis = BASIS_RANK[x.basis] - BASIS_RANK[y.basis];
    if (byBasis !== 0) return byBasis < 0;
    return (this.catalogueOrder.get(x.record.rule) ?? 0) < (this.catalogueOrder.get(y.record.rule) ?? 0);
  }
}

/** A finding's stable id: its rule and subjects (or départements, for a finding about a territory). */
export function findingId(record: Pick<FindingRecord, 'rule' | 'subjects' | 'departements'>): string {
  return `${record.rule}:${(record.subjects.length ? record.subjects : record.departements).join('+')}`;
}

/** A finding as users read it: the record, its id, basis, references and French texts. */
export function writeFinding(record: FindingRecord, name: NameOf, rule: AnyRule | undefined = RULES_BY_ID.get(record.rule)): Finding {
  if (!rule) throw new Error(`règle inconnue : ${record.rule}`);
  const text = rule.describe(record, name);
  // A folded finding names the references of the findings it stands for too.
  let reference = rule.reference;
  for (const id of record.folded ?? []) {
    const other = RULES_BY_ID.get(id)?.reference;
    if (other && !reference.includes(other)) reference += ` ; ${other}`;
  }
  return {
    id: findingId(record),
    rule: record.rule,
    severity: record.severity,
    category: record.category,
    basis: rule.basis,
    subjects: record.subjects,
    message: text.message,
    reference,
    fix: record.link ? { message: text.fix, link: record.link } : { message: text.fix },
    departements: record.departements,
    ...(record.due !== undefined ? { due: record.due } : {}),
    ...(record.folded?.length ? { folded: record.folded } : {}),
    ...(record.data !== undefined ? { data: record.data } : {}),
  };
}

/** Runs the rules and writes every finding's texts (see `evaluateRules` when only some will be read). */
export function runRules(model: ArticulationModel, options: RunOptions = {}, rules: readonly AnyRule[] = RULES): Finding[] {
  const byId = new Map(rules.map((r) => [r.id, r]));
  return evaluateRules(model, options, rules).map((record) => writeFinding(record, model.nameOf, byId.get(record.rule)));
}

const severityRank = (s: Finding['severity']) => SEVERITIES.indexOf(s);
const categoryRank = (c: Finding['category']) => CATEGORIES.indexOf(c);

function territorialFilter(model: ArticulationModel, options: RunOptions): Set<string> | undefined {
  if (!options.departements?.length && !options.regions?.length) return undefined;
  const set = new Set(options.departements ?? []);
  for (const r of options.regions ?? []) for (const d of model.territories.departementsOfRegion(r)) set.add(d);
  return set;
}

function departementsOfSubjects(model: ArticulationModel, subjects: readonly string[]): readonly string[] {
  let out: readonly string[] | undefined;
  for (const id of subjects) {
    const departements = model.get(id)?.departements;
    if (departements === undefined || departements === out) continue;
    // Most findings name one mechanism, or two on the same territory: share its (immutable) list.
    out = out === undefined ? departements : mergeSorted(out, departements);
  }
  return out ?? [];
}

/** Union of two sorted lists of codes, sorted. */
function mergeSorted(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) out.push(a[i++]);
    else if (i >= a.length || b[j] < a[i]) out.push(b[j++]);
    else {
      out.push(a[i++]);
      j++;
    }
  }
  return out;
}
