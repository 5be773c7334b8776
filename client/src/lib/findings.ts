// Findings for the Constats view: filters, grouping by severity then category, counts. Pure.
import { severityGroupTitle } from '../../../model/report.ts';
import { foldText } from '../../../model/text.ts';
import type { Finding } from '../../../model/rules/types.ts';
import { CATEGORIES, CATEGORY_LABELS, SEVERITIES, SEVERITY_LABELS, type Category, type Severity } from '../../../model/vocabulary.ts';
import { listParam } from './state.ts';

export interface FindingFilters {
  severities: ReadonlySet<Severity>;
  categories: ReadonlySet<Category>;
  rule?: string;
  /** Accent-insensitive text in the message, fix, reference, rule or subjects. */
  q?: string;
  /** Only findings about this subject id. */
  subject?: string;
  /** Only findings about this theme: a shared theme (duplicate-theme), or a subject working on it. */
  theme?: string;
}

export function filtersFromParams(params: Readonly<Record<string, string>>): FindingFilters {
  return {
    severities: listParam(params, 'gravite', SEVERITIES),
    categories: listParam(params, 'categorie', CATEGORIES),
    ...(params.regle ? { rule: params.regle } : {}),
    ...(params.q ? { q: params.q } : {}),
    ...(params.sujet ? { subject: params.sujet } : {}),
    ...(params.theme ? { theme: params.theme } : {}),
  };
}

/** Does a finding concern a theme: a theme its data names, or a subject working on it? */
export function aboutTheme(f: Finding, theme: string, themesOf: (id: string) => readonly string[]): boolean {
  const named = f.data?.themes;
  if (f.data?.theme === theme || (Array.isArray(named) && named.includes(theme))) return true;
  return f.subjects.some((id) => themesOf(id).includes(theme));
}

export function filterFindings(findings: readonly Finding[], filters: FindingFilters, labelOf: (id: string) => string = (id) => id, themesOf: (id: string) => readonly string[] = () => []): Finding[] {
  const q = filters.q ? foldText(filters.q) : '';
  return findings.filter((f) => {
    if (filters.severities.size && !filters.severities.has(f.severity)) return false;
    if (filters.categories.size && !filters.categories.has(f.category)) return false;
    if (filters.rule && f.rule !== filters.rule) return false;
    if (filters.subject && !f.subjects.includes(filters.subject)) return false;
    if (filters.theme && !aboutTheme(f, filters.theme, themesOf)) return false;
    if (q) {
      const text = foldText([f.message, f.fix.message, f.reference, f.rule, ...f.subjects, ...f.subjects.map(labelOf)].join(' '));
      if (!text.includes(q)) return false;
    }
    return true;
  });
}

export interface CategoryGroup {
  category: Category;
  label: string;
  findings: Finding[];
}
export interface SeverityGroup {
  severity: Severity;
  /** « Erreurs (5) »: the same heading as the PDF report's (groupFindingsBySeverity). */
  title: string;
  total: number;
  groups: CategoryGroup[];
}

/** Severity first (errors, warnings, information), then category in catalogue order; the given order kept inside; empty groups left out. */
export function groupFindings(findings: readonly Finding[]): SeverityGroup[] {
  const out: SeverityGroup[] = [];
  for (const severity of SEVERITIES) {
    const ofSeverity = findings.filter((f) => f.severity === severity);
    if (ofSeverity.length === 0) continue;
    const groups: CategoryGroup[] = [];
    for (const category of CATEGORIES) {
      const list = ofSeverity.filter((f) => f.category === category);
      if (list.length) groups.push({ category, label: CATEGORY_LABELS[category], findings: list });
    }
    out.push({ severity, title: severityGroupTitle(severity, ofSeverity.length), total: ofSeverity.length, groups });
  }
  return out;
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = { error: 0, warning: 0, info: 0 } as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** Rules present in a list, with their count, for the rule filter. */
export function rulesIn(findings: readonly Finding[]): { rule: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  return [...counts.entries()].map(([rule, count]) => ({ rule, count })).sort((a, b) => a.rule.localeCompare(b.rule));
}

export function severityBadgeType(severity: Severity): 'error' | 'warning' | 'info' {
  return severity;
}
