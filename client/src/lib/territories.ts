// The lists of régions and départements for the scope picker (13 kB of the official geographic
// code, shipped with the client so that the picker works before the API answers). Communes and
// EPCI, much larger, always come from the API.
import departementsData from '@etalab/decoupage-administratif/data/departements.json' with { type: 'json' };
import regionsData from '@etalab/decoupage-administratif/data/regions.json' with { type: 'json' };
import type { Scope } from './state.ts';

export interface RegionRef {
  code: string;
  name: string;
}
export interface DepartementRef {
  code: string;
  name: string;
  region: string;
}

export const REGIONS: readonly RegionRef[] = (regionsData as { code: string; nom: string }[])
  .map((r) => ({ code: r.code, name: r.nom }))
  .sort((a, b) => a.name.localeCompare(b.name, 'fr'));

export const DEPARTEMENTS: readonly DepartementRef[] = (departementsData as { code: string; nom: string; region: string }[])
  .map((d) => ({ code: d.code, name: d.nom, region: d.region }))
  .sort((a, b) => a.code.localeCompare(b.code));

const depByCode = new Map(DEPARTEMENTS.map((d) => [d.code, d]));
const regByCode = new Map(REGIONS.map((r) => [r.code, r]));

export function departementName(code: string): string {
  return depByCode.get(code)?.name ?? code;
}
export function regionName(code: string): string {
  return regByCode.get(code)?.name ?? code;
}
export function regionOfDepartement(code: string): string | undefined {
  return depByCode.get(code)?.region;
}
export function departementsOfRegion(code: string): DepartementRef[] {
  return DEPARTEMENTS.filter((d) => d.region === code);
}

/** "Deux-Sèvres (79)", "Nouvelle-Aquitaine", "France entière". */
export function scopeLabel(scope: Scope): string {
  if (scope.level === 'departement') return `${departementName(scope.code)} (${scope.code})`;
  if (scope.level === 'region') return regionName(scope.code);
  return 'France entière';
}

/** Sort key grouping départements by région, for the network's initial layout. */
export function departementOrder(code: string): string {
  return `${regionOfDepartement(code) ?? 'zz'}-${code}`;
}

/** Is this département inside the scope? */
export function inScope(departement: string, scope: Scope): boolean {
  if (scope.level === 'france') return true;
  if (scope.level === 'departement') return departement === scope.code;
  return regionOfDepartement(departement) === scope.code;
}
