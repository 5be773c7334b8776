// The application state that lives in the URL: the view, the reference date (asOf), the
// territorial scope and each view's own parameters (filters, selection). Pure: parse and
// format a location hash, so that any view can be shared as a link. The views that do not read
// the territory (the journal, the accounts, the login page) keep it out of their address.
//
//   #/reseau?region=75&asOf=2025-06-01&types=CLSM,CLS&noeud=clsm-niort
//   #/journal?dispositif=clsm-niort
import { isCalendarDate } from '../../../model/dates.ts';
import { DEFAULT_VIEW, VIEW_IDS, viewEntry, type ViewId } from '../views/registry.ts';

export type { ViewId };

export type Scope = { level: 'france' } | { level: 'region'; code: string } | { level: 'departement'; code: string };

export interface AppState {
  view: ViewId;
  /** Reference date, ISO. */
  asOf: string;
  /** True when asOf came from the URL (else it is today and is not written back). */
  asOfExplicit: boolean;
  /** A date in the URL that is not a valid date (said on screen; the views show today meanwhile). */
  asOfInvalid?: string;
  scope: Scope;
  /** The view's own parameters, in URL order-independent form. */
  params: Readonly<Record<string, string>>;
  /** The scenario whose state the views show instead of the current data (absent: the current data). */
  scenario?: number;
}

const DEP = /^(?:[0-9]{2}|2A|2B|97[0-9])$/;
const REG = /^[0-9]{2}$/;

export function parseLocation(hash: string, today: string): AppState {
  const raw = hash.replace(/^#/, '');
  const [path, query = ''] = splitOnce(raw, '?');
  const name = path.replace(/^\/+/, '').split('/')[0];
  const view: ViewId = (VIEW_IDS as readonly string[]).includes(name) ? (name as ViewId) : DEFAULT_VIEW;
  const search = new URLSearchParams(query);
  const params: Record<string, string> = {};
  for (const [k, v] of search) if (k !== 'asOf' && k !== 'departement' && k !== 'region' && k !== 'scenario' && v !== '') params[k] = v;
  const scenarioRaw = search.get('scenario');
  const scenario = scenarioRaw !== null && /^[1-9]\d{0,11}$/.test(scenarioRaw) ? Number(scenarioRaw) : undefined;
  const asOfRaw = search.get('asOf');
  const asOfExplicit = asOfRaw !== null && isCalendarDate(asOfRaw);
  const dep = search.get('departement')?.toUpperCase();
  const reg = search.get('region');
  const scope: Scope = dep && DEP.test(dep) ? { level: 'departement', code: dep } : reg && REG.test(reg) ? { level: 'region', code: reg } : { level: 'france' };
  const state: AppState = { view, asOf: asOfExplicit ? asOfRaw! : today, asOfExplicit, scope, params, scenario };
  if (asOfRaw !== null && asOfRaw !== '' && !asOfExplicit) state.asOfInvalid = asOfRaw;
  return state;
}

export function formatLocation(state: Pick<AppState, 'view' | 'asOf' | 'asOfExplicit' | 'scope' | 'params' | 'scenario'>): string {
  const search = new URLSearchParams();
  const entry = viewEntry(state.view);
  if (entry.scoped) {
    if (state.scope.level === 'departement') search.set('departement', state.scope.code);
    else if (state.scope.level === 'region') search.set('region', state.scope.code);
    if (state.asOfExplicit) search.set('asOf', state.asOf);
    if (state.scenario !== undefined && followsScenario(state.view)) search.set('scenario', String(state.scenario));
  }
  for (const key of Object.keys(state.params).sort()) {
    const value = state.params[key];
    if (value !== undefined && value !== '') search.set(key, value);
  }
  const query = search.toString().replace(/%2C/g, ',');
  return `#/${state.view}${query ? `?${query}` : ''}`;
}

export interface StatePatch {
  view?: ViewId;
  asOf?: string | null;
  scope?: Scope;
  /** Parameters to set; `null` or '' removes one. */
  params?: Record<string, string | null | undefined>;
  /** Drop every current view parameter first (when changing view). */
  resetParams?: boolean;
  /** Enter a scenario (its number) or leave it (null). */
  scenario?: number | null;
}

export function applyPatch(state: AppState, patch: StatePatch, today: string): AppState {
  const params: Record<string, string> = patch.resetParams ? {} : { ...state.params };
  for (const [k, v] of Object.entries(patch.params ?? {})) {
    if (v === null || v === undefined || v === '') delete params[k];
    else params[k] = v;
  }
  let { asOf, asOfExplicit } = state;
  if (patch.asOf === null) [asOf, asOfExplicit] = [today, false];
  else if (patch.asOf !== undefined && isCalendarDate(patch.asOf)) [asOf, asOfExplicit] = [patch.asOf, true];
  const scenario = patch.scenario === null ? undefined : (patch.scenario ?? state.scenario);
  return { view: patch.view ?? state.view, asOf, asOfExplicit, scope: patch.scope ?? state.scope, params, scenario };
}

/** Does this view show a scenario's state (the analysis views), or always the current data (Données, the account pages)? */
export function followsScenario(view: ViewId): boolean {
  const entry = viewEntry(view);
  return entry.scoped && !('currentDataOnly' in entry && entry.currentDataOnly);
}

/** The query parameter that asks the API for a scenario's state, when the view shows one. */
export function scenarioParams(state: Pick<AppState, 'scenario' | 'view'>): { scenario?: string } {
  return state.scenario !== undefined && followsScenario(state.view) ? { scenario: String(state.scenario) } : {};
}

/** Query parameters for the API: asOf and the scope. */
export function apiScopeParams(state: Pick<AppState, 'asOf' | 'scope'> & Partial<Pick<AppState, 'scenario' | 'view'>>): Record<string, string> {
  const out: Record<string, string> = { asOf: state.asOf };
  if (state.scenario !== undefined && (state.view === undefined || followsScenario(state.view))) out.scenario = String(state.scenario);
  if (state.scope.level === 'departement') out.departement = state.scope.code;
  else if (state.scope.level === 'region') out.region = state.scope.code;
  return out;
}

export function scopeKey(scope: Scope): string {
  return scope.level === 'france' ? 'france' : `${scope.level}:${scope.code}`;
}

export function sameScope(a: Scope, b: Scope): boolean {
  return scopeKey(a) === scopeKey(b);
}

/** A comma-separated list parameter as a set restricted to known values (empty = no filter). */
export function listParam<T extends string>(params: Readonly<Record<string, string>>, key: string, known: readonly T[]): Set<T> {
  const raw = params[key];
  if (!raw) return new Set();
  return new Set(raw.split(',').filter((x): x is T => (known as readonly string[]).includes(x)));
}

export function formatList(values: Iterable<string>, order: readonly string[]): string {
  const set = new Set(values);
  return order.filter((x) => set.has(x)).join(',');
}

/** A boolean parameter: '1' / '0', with a default. */
export function flagParam(params: Readonly<Record<string, string>>, key: string, fallback: boolean): boolean {
  const raw = params[key];
  return raw === undefined ? fallback : raw === '1';
}

function splitOnce(text: string, sep: string): [string, string?] {
  const i = text.indexOf(sep);
  return i < 0 ? [text] : [text.slice(0, i), text.slice(i + 1)];
}
