// Territory cells to INSEE codes: codes, commune names (« st maixent l ecole »), postal codes,
// « Paris 20e », EPCI names or SIREN, département names or codes, and the « Niort (79191) »
// form the export writes. An ambiguous name is settled by the row's département, then by the
// dataset's scope; otherwise it is reported with its candidates.
import type { PlaceMatch, TerritoryIndex, TerritoryType } from '../territory.ts';

/** Which territory column a cell comes from: a generic one takes any kind of place. */
export type PlaceColumn = 'territory' | 'communes' | 'epci' | 'departements' | 'postalCodes';

export interface PlaceContext {
  /** The row's département column (codes), if any. */
  departements: readonly string[];
  /** The dataset's scope (départements), used when the row says nothing. */
  scope: readonly string[];
}

export interface ResolvedTerritory {
  communes: string[];
  epci: string[];
  departements: string[];
}

export interface PlaceProblem {
  severity: 'error' | 'warning';
  /** The item of the cell the problem is about. */
  value: string;
  message: string;
  candidates?: string[];
}

const TYPE_ORDER: readonly TerritoryType[] = ['commune', 'epci', 'departement', 'region'];
const COLUMN_TYPES: Record<PlaceColumn, readonly TerritoryType[]> = {
  territory: TYPE_ORDER,
  communes: ['commune'],
  epci: ['epci'],
  departements: ['departement', 'region'],
  postalCodes: ['commune'],
};
const WHAT: Record<PlaceColumn, string> = {
  territory: 'aucune commune, EPCI ou département',
  communes: 'aucune commune',
  epci: 'aucun EPCI',
  departements: 'aucun département',
  postalCodes: 'aucune commune',
};

const DEPARTEMENT_CODE = /^(?:\d{2}|2[AB]|9[78]\d)$/i;
const COMMUNE_CODE = /^(?:\d{5}|2[AB]\d{3})$/i;

/** Resolve the items of one territory cell. */
export function resolvePlaces(items: readonly string[], column: PlaceColumn, territories: TerritoryIndex, context: PlaceContext): { territory: ResolvedTerritory; problems: PlaceProblem[] } {
  const territory: ResolvedTerritory = { communes: [], epci: [], departements: [] };
  const problems: PlaceProblem[] = [];
  const add = (type: TerritoryType, code: string) => {
    if (type === 'region') {
      for (const d of territories.departementsOfRegion(code)) addUnique(territory.departements, d);
    } else addUnique(type === 'commune' ? territory.communes : type === 'epci' ? territory.epci : territory.departements, code);
  };
  for (const item of items) {
    const outcome = resolveItem(item, column, territories, context);
    if ('problem' in outcome) problems.push({ value: item, ...outcome.problem });
    else {
      add(outcome.match.type, outcome.match.code);
      if (outcome.warning) problems.push({ severity: 'warning', value: item, message: outcome.warning });
    }
  }
  return { territory, problems };
}

type ItemOutcome = { match: Pick<PlaceMatch, 'type' | 'code'>; warning?: string } | { problem: Omit<PlaceProblem, 'value'> };

function resolveItem(raw: string, column: PlaceColumn, territories: TerritoryIndex, context: PlaceContext): ItemOutcome {
  const item = raw.trim().replace(/\s+/g, ' ');
  const types = COLUMN_TYPES[column];
  // « Niort (79191) », « Saint-Denis (93) », « Augé (79400) ».
  const bracket = /^(.+?)\s*\(([^()]+)\)$/.exec(item);
  if (bracket) {
    const [, name, inside] = bracket;
    const code = inside.trim().toUpperCase();
    const direct = codeMatch(code, column, territories);
    if (direct && direct.type !== 'departement') return { match: direct };
    if (DEPARTEMENT_CODE.test(code) && territories.isDepartement(code)) {
      return byName(name, types, territories, { departements: [code], scope: [] }, raw);
    }
    if (/^\d{5}$/.test(code) && territories.communesOfPostalCode(code).length > 0) return byPostalCode(code, name, territories, raw);
    // « Sables-d'Olonne (Les) »: the brackets are part of the name.
  }
  // « 79400 Saint-Maixent-l'École », as in an address.
  const postalAndName = /^(\d{5}) (.+)$/.exec(item);
  if (postalAndName && territories.communesOfPostalCode(postalAndName[1]).length > 0 && types.includes('commune')) {
    return byPostalCode(postalAndName[1], postalAndName[2], territories, raw);
  }
  const code = item.toUpperCase();
  if (column === 'postalCodes') {
    return /^\d{5}$/.test(code) ? byPostalCode(code, undefined, territories, raw) : byName(item, types, territories, context, raw);
  }
  const direct = codeMatch(code, column, territories);
  if (direct) return { match: direct };
  if (/^\d{5}$/.test(code) && types.includes('commune') && territories.communesOfPostalCode(code).length > 0) {
    return byPostalCode(code, undefined, territories, raw);
  }
  if (/^\d+$/.test(code) || COMMUNE_CODE.test(code)) {
    return { problem: { severity: 'error', message: `code inconnu « ${raw} » : ${WHAT[column]} n'a ce code (code officiel géographique de l'INSEE, SIREN d'EPCI ou code postal)` } };
  }
  return byName(item, types, territories, context, raw);
}

/** A code the column accepts: INSEE commune code, EPCI SIREN or département code. */
function codeMatch(code: string, column: PlaceColumn, territories: TerritoryIndex): Pick<PlaceMatch, 'type' | 'code'> | undefined {
  const types = COLUMN_TYPES[column];
  if (types.includes('commune') && COMMUNE_CODE.test(code) && territories.isCommune(code)) return { type: 'commune', code };
  if (types.includes('epci') && /^\d{9}$/.test(code) && territories.isEpci(code)) return { type: 'epci', code };
  if (types.includes('departement') && DEPARTEMENT_CODE.test(code) && territories.isDepartement(code)) return { type: 'departement', code };
  return undefined;
}

function byName(name: string, types: readonly TerritoryType[], territories: TerritoryIndex, context: PlaceContext, raw: string): ItemOutcome {
  const all = territories.placesNamed(name);
  // The first kind of place (commune, EPCI, département, région) that has the name: « Paris » is the commune.
  const type = TYPE_ORDER.find((t) => types.includes(t) && all.some((m) => m.type === t));
  if (!type) {
    const suggestions = territories.search(name, 3, types).map((h) => `${h.name} (${h.code})`);
    const kinds = types.length === 1 && types[0] === 'commune' ? 'aucune commune' : types.includes('commune') ? 'aucune commune, EPCI ou département' : types[0] === 'epci' ? 'aucun EPCI' : 'aucun département';
    return {
      problem: {
        severity: 'error',
        message: `${kinds} ne s'appelle « ${raw} »${suggestions.length ? ` (proches : ${suggestions.join(', ')})` : ''}`,
        ...(suggestions.length ? { candidates: suggestions } : {}),
      },
    };
  }
  const matches = all.filter((m) => m.type === type);
  const chosen = settle(matches, context);
  if (chosen.length === 1) {
    const m = chosen[0];
    const warning = m.formerName ? `« ${m.formerName} » est une ancienne commune : lue comme ${m.name} (${m.code})` : undefined;
    return { match: m, warning };
  }
  const byHint = context.departements.length > 0 && chosen.length === 0;
  return {
    problem: {
      severity: 'error',
      message: byHint
        ? `aucun lieu « ${raw} » dans le département ${context.departements.join(', ')} (il y en a ailleurs : ${describe(matches, territories).join(', ')})`
        : `nom ambigu « ${raw} » : ${matches.length} lieux portent ce nom ; ajoutez le département (colonne « Département » ou « ${raw} (93) ») ou le code INSEE`,
      candidates: describe(byHint ? matches : chosen, territories),
    },
  };
}

/** Keep the matches in the row's départements, else in the dataset's scope; several left = ambiguous. */
function settle(matches: readonly PlaceMatch[], context: PlaceContext): readonly PlaceMatch[] {
  if (matches.length <= 1) return matches;
  if (context.departements.length > 0) return matches.filter((m) => m.departements.some((d) => context.departements.includes(d)));
  if (context.scope.length > 0) {
    const inScope = matches.filter((m) => m.departements.some((d) => context.scope.includes(d)));
    if (inScope.length > 0) return inScope;
  }
  return matches;
}

function byPostalCode(code: string, name: string | undefined, territories: TerritoryIndex, raw: string): ItemOutcome {
  const served = territories.communesOfPostalCode(code);
  if (served.length === 0) return { problem: { severity: 'error', message: `code postal inconnu « ${code} »` } };
  let chosen = served;
  if (name !== undefined) {
    const named = new Set(territories.placesNamed(name).filter((m) => m.type === 'commune').map((m) => m.code));
    chosen = served.filter((i) => named.has(territories.codes[i]));
    if (chosen.length === 0) {
      return {
        problem: {
          severity: 'error',
          message: `aucune commune « ${name} » n'a le code postal ${code}`,
          candidates: served.map((i) => `${territories.names[i]} (${territories.codes[i]})`),
        },
      };
    }
  }
  if (chosen.length === 1) return { match: { type: 'commune', code: territories.codes[chosen[0]] } };
  return {
    problem: {
      severity: 'error',
      message: `le code postal ${code} dessert ${chosen.length} communes : écrivez le nom de la commune (« ${code} ${territories.names[chosen[0]]} ») ou son code INSEE`,
      candidates: chosen.map((i) => `${territories.names[i]} (${territories.codes[i]})`),
    },
  };
}

function describe(matches: readonly PlaceMatch[], territories: TerritoryIndex): string[] {
  return matches.map((m) => {
    const where = m.type === 'commune' ? territories.departementName(m.departements[0]) : undefined;
    return where ? `${m.name}, ${where} (${m.code})` : `${m.name} (${m.code})`;
  });
}

function addUnique(list: string[], code: string): void {
  if (!list.includes(code)) list.push(code);
}

/** How the export writes a code so that a person can read it and the import reads it back exactly: « Niort (79191) ». */
export function placeLabel(code: string, territories: TerritoryIndex): string {
  const name = territories.nameOf(code);
  return name ? `${name} (${code})` : code;
}
