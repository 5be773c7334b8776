// Runs the registered rules at a reference date, with a profile and an optional territorial filter.
import { today } from '../dates.ts';
import type { ArticulationModel } from '../graph.ts';
import { RuleContext } from './context.ts';
import { RULES, RULES_BY_ID } from './registry.ts';
import { CATEGORIES, DEFAULT_SETTINGS, SEVERITIES, type Finding, type FindingRecord, type NameOf, type Profile, type AnyRule } from './types.ts';

export interface RunOptions {
  /** Reference date, ISO; default today. */
  asOf?: string;
  profile?: Profile;
  /** Only these rule ids (default: all). */
  rules?: readonly string[];
  /** Keep findings touching these départements / régions. */
  departements?: readonly string[];
  regions?: readonly string[];
}

export function createContext(model: ArticulationModel, options: Pick<RunOptions, 'asOf' | 'profile'> = {}): RuleContext {
  return new RuleContext(model, options.asOf ?? today(), { ...DEFAULT_SETTINGS, ...options.profile?.settings });
}

/**
 * Runs the rules: the facts of every finding, without their texts (see `writeFinding`), in a
 * deterministic order: by severity, then category, then rule id, then as each rule yields them.
 */
export function evaluateRules(model: ArticulationModel, options: RunOptions = {}, rules: readonly AnyRule[] = RULES): FindingRecord[] {
  const ctx = createContext(model, options);
  const severities = options.profile?.severities ?? {};
  const only = options.rules ? new Set(options.rules) : undefined;
  const filter = territorialFilter(model, options);
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
      // One shape for every record (absent data and link are undefined, which JSON leaves out).
      const record: FindingRecord = { rule: rule.id, severity, category: rule.category, subjects: f.subjects, departements, data: f.data, link: f.link };
      buckets[severityRank(severity) * CATEGORIES.length + categoryRank(rule.category)].push(record);
    }
  }
  return ([] as FindingRecord[]).concat(...buckets); // Array#flat is about fifty times slower on large arrays
}

/** A finding's stable id: its rule and subjects (or départements, for a finding about a territory). */
export function findingId(record: FindingRecord): string {
  return `${record.rule}:${(record.subjects.length ? record.subjects : record.departements).join('+')}`;
}

/** A finding as users read it: the record, its id, reference and French texts. */
export function writeFinding(record: FindingRecord, name: NameOf, rule: AnyRule | undefined = RULES_BY_ID.get(record.rule)): Finding {
  if (!rule) throw new Error(`règle inconnue : ${record.rule}`);
  const text = rule.describe(record, name);
  return {
    id: findingId(record),
    rule: record.rule,
    severity: record.severity,
    category: record.category,
    subjects: record.subjects,
    message: text.message,
    reference: rule.reference,
    fix: record.link ? { message: text.fix, link: record.link } : { message: text.fix },
    departements: record.departements,
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
