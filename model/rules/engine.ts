// Runs the registered rules at a reference date, with a profile and an optional territorial filter.
import { today } from '../dates.ts';
import type { ArticulationModel } from '../graph.ts';
import { RuleContext } from './context.ts';
import { RULES } from './registry.ts';
import { CATEGORIES, DEFAULT_SETTINGS, SEVERITIES, type Finding, type Profile, type Rule } from './types.ts';

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

export function runRules(model: ArticulationModel, options: RunOptions = {}, rules: readonly Rule[] = RULES): Finding[] {
  const ctx = createContext(model, options);
  const severities = options.profile?.severities ?? {};
  const only = options.rules ? new Set(options.rules) : undefined;
  const filter = territorialFilter(model, options);
  // Findings are bucketed by severity then category, rules taken in id order, each rule's
  // findings in the order it yields them (deterministic): a linear sort, however many findings.
  const buckets: Finding[][] = Array.from({ length: SEVERITIES.length * CATEGORIES.length }, () => []);
  for (const rule of [...rules].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (only && !only.has(rule.id)) continue;
    const override = severities[rule.id];
    if (override === 'off') continue;
    for (const f of rule.check(ctx)) {
      const departements = f.departements ?? departementsOfSubjects(model, f.subjects);
      if (filter && !departements.some((d) => filter.has(d))) continue;
      const severity = override ?? f.severity ?? rule.defaultSeverity;
      buckets[severityRank(severity) * CATEGORIES.length + categoryRank(rule.category)].push({
        id: `${rule.id}:${(f.subjects.length ? f.subjects : departements).join('+')}`,
        rule: rule.id,
        severity,
        category: rule.category,
        subjects: f.subjects,
        message: f.message,
        reference: rule.reference,
        fix: f.fix,
        departements,
        ...(f.data ? { data: f.data } : {}),
      });
    }
  }
  return buckets.flat();
}

const severityRank = (s: Finding['severity']) => SEVERITIES.indexOf(s);
const categoryRank = (c: Finding['category']) => CATEGORIES.indexOf(c);

function territorialFilter(model: ArticulationModel, options: RunOptions): Set<string> | undefined {
  if (!options.departements?.length && !options.regions?.length) return undefined;
  const set = new Set(options.departements ?? []);
  for (const r of options.regions ?? []) for (const d of model.territories.departementsOfRegion(r)) set.add(d);
  return set;
}

function departementsOfSubjects(model: ArticulationModel, subjects: readonly string[]): string[] {
  const entries = subjects.map((id) => model.get(id)).filter((e) => e !== undefined);
  // Most findings name one mechanism: share its (immutable) list.
  if (entries.length === 1) return entries[0].departements;
  const set = new Set<string>();
  for (const e of entries) for (const d of e.departements) set.add(d);
  return [...set].sort();
}
