// The Données view's state in the URL: which tab, which list page and filters, which form, and
// what a form opened from a finding or a checklist is prefilled with. Pure.
import type { Link } from '../../../model/schema.ts';
import { AVIS_STAGES, LINK_KINDS, MECHANISM_KINDS, type LinkKind, type MechanismKind } from '../../../model/vocabulary.ts';
import type { EntityKind } from '../api.ts';
import type { MechanismFormValues } from './forms.ts';
import { apiScopeParams, scopeKey, type AppState } from './state.ts';

export const DATA_TABS = [
  { id: 'dispositifs', label: 'Dispositifs', entity: 'mechanisms' },
  { id: 'personnes', label: 'Personnes', entity: 'people' },
  { id: 'liens', label: 'Liens', entity: 'links' },
  { id: 'import', label: 'Import et export', entity: null },
] as const satisfies readonly { id: string; label: string; entity: EntityKind | null }[];
export type DataTab = (typeof DATA_TABS)[number];

/** Rows per page of a list. */
export const PAGE = 50;

/** The parameters a list, a form or the import reads; leaving a tab clears them. */
export const DATA_PARAMS = ['modifier', 'nouveau', 'page', 'q', 'type', 'statut', 'de', 'vers', 'etape', 'lieu', 'theme'] as const;

export function dataTab(params: Readonly<Record<string, string>>): DataTab {
  return DATA_TABS.find((t) => t.id === params.onglet) ?? DATA_TABS[0];
}

/** What is on screen: the same key means nothing to redraw. */
export function screenKey(state: AppState): string {
  return JSON.stringify([dataTab(state.params).id, scopeKey(state.scope), ...DATA_PARAMS.map((p) => state.params[p] ?? '')]);
}

export function pageOf(params: Readonly<Record<string, string>>): number {
  return Math.max(0, Number(params.page ?? 0) || 0);
}

/** The territory of the lists (the mechanisms of the scope). */
export function territoryQuery(state: Pick<AppState, 'asOf' | 'scope'>): { departement?: string; region?: string } {
  const { departement, region } = apiScopeParams(state);
  return { ...(departement ? { departement } : {}), ...(region ? { region } : {}) };
}

/** The API query of one page of a list. */
export function listQuery(state: AppState): Record<string, string> {
  const p = state.params;
  return {
    ...territoryQuery(state),
    ...(p.q ? { q: p.q } : {}),
    ...(p.type ? { kind: p.type } : {}),
    ...(p.statut ? { status: p.statut } : {}),
    // Mechanisms only: those covering a place, those working on a theme.
    ...(dataTab(p).entity === 'mechanisms' && p.lieu ? { place: p.lieu } : {}),
    ...(dataTab(p).entity === 'mechanisms' && p.theme ? { theme: p.theme } : {}),
    limit: String(PAGE),
    offset: String(pageOf(p) * PAGE),
  };
}

/** A new mechanism of the kind named in the URL (« Créer un PTSM »). */
export function mechanismPrefill(params: Readonly<Record<string, string>>): Partial<MechanismFormValues> {
  return (MECHANISM_KINDS as readonly string[]).includes(params.type ?? '') ? { kind: params.type as MechanismKind } : {};
}

/** A new link as a finding or the avis checklist proposes it: kind, ends, stage. */
export function linkPrefill(params: Readonly<Record<string, string>>): Partial<Link> {
  return {
    ...((LINK_KINDS as readonly string[]).includes(params.type ?? '') ? { kind: params.type as LinkKind } : {}),
    ...(params.de ? { from: params.de } : {}),
    ...(params.vers ? { to: params.vers } : {}),
    ...((AVIS_STAGES as readonly string[]).includes(params.etape ?? '') ? { stage: params.etape as Link['stage'] } : {}),
  };
}
