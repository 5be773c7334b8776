// The API's own valibot schemas: query strings, path parameters, bodies that wrap the
// articulation/1 objects, and the response envelopes documented in OpenAPI.
import * as v from 'valibot';
import { isCalendarDate } from '../model/dates.ts';
import { RULES_BY_ID } from '../model/rules/registry.ts';
import { IdSchema, LinkSchema, MechanismSchema, PersonSchema } from '../model/schema.ts';
import { FINDING_STATUSES } from '../model/states/states.ts';
import { placeCommunes } from '../model/places.ts';
import type { TerritoryIndex } from '../model/territory.ts';
import { slugify } from '../model/text.ts';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, CATEGORIES, LINK_KINDS, MECHANISM_KINDS, MECHANISM_STATUSES, PLACE_TYPES, SEVERITIES, TERRITORY_TYPES, type PlaceType } from '../model/vocabulary.ts';

const oneOf = <const T extends readonly [string, ...string[]]>(values: T, what: string, feminine = false) =>
  v.picklist(values, (issue) => `${what} inconnu${feminine ? 'e' : ''} « ${String(issue.input)} » (attendu : ${values.join(', ')})`);

/** A comma-separated list in a query string: `?departement=79,86`. */
function csv<T extends v.GenericSchema<string>>(item: T, max = 200) {
  return v.optional(
    v.pipe(
      v.string('doit être un texte (répétez les valeurs séparées par des virgules)'),
      v.transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x !== '')),
      v.maxLength(max, `au plus ${max} valeurs`),
      v.array(item),
    ),
  );
}

/** Text that goes to the database as it is: no NUL character (PostgreSQL stores none in a text). */
export const NO_NUL = v.check((text: string) => !text.includes('\u0000'), 'ne doit pas contenir de caractère nul (\\u0000)');

export const AsOfSchema = v.optional(
  v.pipe(
    v.string('doit être une date AAAA-MM-JJ'),
    v.check(isCalendarDate, (issue) => `« ${String(issue.input)} » n'est pas une date valide (AAAA-MM-JJ)`),
  ),
);

const integerParam = (min: number, max: number) =>
  v.optional(
    v.pipe(
      v.string('doit être un entier'),
      v.regex(/^\d{1,9}$/, (issue) => `« ${String(issue.input)} » n'est pas un entier positif`),
      v.transform(Number),
      v.minValue(min, `doit être au moins ${min}`),
      v.maxValue(max, `doit être au plus ${max}`),
    ),
  );

const booleanParam = v.optional(
  v.pipe(
    v.picklist(['true', 'false', '1', '0'], (issue) => `« ${String(issue.input)} » : attendu true ou false`),
    v.transform((s) => s === 'true' || s === '1'),
  ),
);

const TextQuery = v.optional(v.pipe(v.string(), v.maxLength(200, 'au plus 200 caractères')));

/** A theme, as its id or as people write it (« Logement », « cas complexes »): read as its id. */
const ThemeQuery = v.optional(
  v.pipe(
    v.string(),
    v.maxLength(100, 'au plus 100 caractères'),
    v.transform(slugify),
    v.minLength(1, 'thème vide : donnez un identifiant de thème (ex. : logement)'),
  ),
);

/** What a place search may find (model/places.ts). */
export const PlaceTypeParam = v.picklist(PLACE_TYPES, (issue) => `type de lieu inconnu « ${String(issue.input)} » (attendu : ${PLACE_TYPES.join(', ')})`);

/** Schemas that check territory codes against the reference, built once per app. */
export function apiSchemas(territories: TerritoryIndex) {
  const departement = v.pipe(
    v.string(),
    v.check((code) => territories.isDepartement(code), (issue) => `département inconnu « ${String(issue.input)} »`),
  );
  const region = v.pipe(
    v.string(),
    v.check((code) => territories.isRegion(code), (issue) => `région inconnue « ${String(issue.input)} »`),
  );
  const territorial = { departement: csv(departement), region: csv(region) };
  /** The scenario whose state a view shows instead of the current data (routes/scenarios.ts). */
  const scenario = { scenario: integerParam(1, Number.MAX_SAFE_INTEGER) };
  // A place in a list filter: « commune:79270 », « epci:200041317 », « code-postal:79400 », read as its communes.
  const place = v.optional(
    v.pipe(
      v.string(),
      v.maxLength(40, 'au plus 40 caractères'),
      v.rawTransform(({ dataset, addIssue, NEVER }) => {
        const [type, code = ''] = dataset.value.split(':');
        const communes = (PLACE_TYPES as readonly string[]).includes(type) ? placeCommunes(territories, type as PlaceType, code) : undefined;
        if (communes) return { type: type as PlaceType, code, communes };
        addIssue({ message: `lieu inconnu « ${dataset.value} » (attendu : commune:CODE, epci:SIREN ou code-postal:CODE)` });
        return NEVER;
      }),
    ),
  );
  const paging = { limit: integerParam(1, 10_000), offset: integerParam(0, 10_000_000) };
  const findings = v.object({
    asOf: AsOfSchema,
    ...territorial,
    rule: csv(v.pipe(v.string(), v.check((id) => RULES_BY_ID.has(id), (issue) => `règle inconnue « ${String(issue.input)} » (voir /api/rules)`))),
    severity: csv(oneOf(SEVERITIES, 'gravité', true)),
    category: csv(oneOf(CATEGORIES, 'catégorie', true)),
    subject: v.optional(v.pipe(v.string(), v.maxLength(200))),
    state: csv(oneOf(FINDING_STATUSES, 'état')),
    /** One finding by its id (rule and subjects). */
    finding: v.optional(v.pipe(v.string(), v.maxLength(4000, 'au plus 4 000 caractères'))),
    ...paging,
    ...scenario,
  });
  const indicators = v.object({
    level: v.optional(oneOf(['region', 'departement'], 'niveau'), 'region'),
    asOf: AsOfSchema,
    ...territorial,
    uncoveredLimit: integerParam(0, 100_000),
    ...scenario,
  });
  const workbookFormat = v.optional(oneOf(['xlsx', 'ods'], 'format'), 'xlsx');
  const deadlines = v.object({ asOf: AsOfSchema, ...territorial, months: integerParam(1, 60), pastMonths: integerParam(0, 120) });

  return {
    mechanismList: v.object({
      kind: csv(oneOf(MECHANISM_KINDS, 'type de dispositif')),
      status: csv(oneOf(MECHANISM_STATUSES, 'statut')),
      ...territorial,
      theme: ThemeQuery,
      place,
      q: TextQuery,
      ...paging,
    }),
    personList: v.object({
      kind: csv(oneOf(MECHANISM_KINDS, 'type de dispositif')),
      status: csv(oneOf(MECHANISM_STATUSES, 'statut')),
      ...territorial,
      q: TextQuery,
      ...paging,
    }),
    linkList: v.object({
      kind: csv(oneOf(LINK_KINDS, 'type de lien')),
      status: csv(oneOf(MECHANISM_STATUSES, 'statut')),
      mechanism: v.optional(IdSchema),
      ...territorial,
      q: TextQuery,
      ...paging,
    }),
    findings,
    indicators,
    graph: v.object({
      asOf: AsOfSchema,
      ...territorial,
      people: booleanParam,
      ...scenario,
    }),
    avis: v.object({ asOf: AsOfSchema, ...scenario }),
    deadlines,
    deadlinesWorkbook: v.object({ ...deadlines.entries, format: workbookFormat }),
    coverage: v.object({ asOf: AsOfSchema, ...territorial, theme: ThemeQuery, uncoveredLimit: integerParam(0, 100_000), ...scenario }),
    themes: v.object({ asOf: AsOfSchema, ...territorial, mechanism: v.optional(IdSchema), theme: ThemeQuery, pairsLimit: integerParam(0, 100_000), ...scenario }),
    perimeters: v.object({ ...territorial, ...scenario }),
    placeSearch: v.object({
      q: v.pipe(v.string('paramètre q obligatoire'), v.trim(), v.minLength(1, 'ne doit pas être vide'), v.maxLength(100, 'au plus 100 caractères')),
      limit: integerParam(1, 50),
    }),
    placeMechanisms: v.object({ asOf: AsOfSchema, theme: ThemeQuery, ...scenario }),
    territorySearch: v.object({
      q: v.pipe(v.string('paramètre q obligatoire'), v.trim(), v.minLength(1, 'ne doit pas être vide'), v.maxLength(100, 'au plus 100 caractères')),
      type: csv(oneOf(TERRITORY_TYPES, 'type de territoire')),
      limit: integerParam(1, 100),
    }),
    audit: v.object({
      entity: v.optional(oneOf(AUDIT_ENTITIES, 'entité', true)),
      id: v.optional(v.pipe(v.string(), v.maxLength(200), NO_NUL)),
      action: v.optional(oneOf(AUDIT_ACTIONS, 'action', true)),
      /** The writing account: its number or its email. */
      account: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1, 'ne doit pas être vide'), v.maxLength(254, 'au plus 254 caractères'), NO_NUL)),
      mechanism: v.optional(IdSchema),
      from: AsOfSchema,
      to: AsOfSchema,
      before: integerParam(1, Number.MAX_SAFE_INTEGER),
      limit: integerParam(1, 1000),
      steps: booleanParam,
      version: integerParam(0, Number.MAX_SAFE_INTEGER),
    }),
    exportQuery: v.object({
      format: v.optional(oneOf(['json', 'gexf', 'graphml', 'xlsx', 'ods'], 'format'), 'json'),
      asOf: AsOfSchema,
      download: booleanParam,
    }),
    importQuery: v.object({
      /** Default: replace for a JSON document, merge for a workbook (see routes/exchange.ts). */
      mode: v.optional(oneOf(['replace', 'merge'], 'mode')),
      dryRun: booleanParam,
      /** Workbooks: the mapping to apply (JSON), and the file's name when the body is the file itself. */
      mapping: v.optional(v.pipe(v.string(), v.maxLength(200_000, 'au plus 200 000 caractères'))),
      fileName: v.optional(v.pipe(v.string(), v.maxLength(255, 'au plus 255 caractères'))),
    }),
    /** The tables as workbooks (routes/workbooks.ts): the view's own filters, without paging, and the format. */
    findingsWorkbook: v.object({ ...v.omit(findings, ['limit', 'offset']).entries, format: workbookFormat }),
    indicatorsWorkbook: v.object({ ...indicators.entries, format: workbookFormat }),
    avisWorkbook: v.object({ asOf: AsOfSchema, format: workbookFormat, ...scenario }),
    scenarioCompare: v.object({ asOf: AsOfSchema, ...territorial, unchangedLimit: integerParam(0, 100_000) }),
    scenarioWorkbook: v.object({ asOf: AsOfSchema, ...territorial, format: workbookFormat }),
    scenarioImport: v.object({
      name: v.pipe(v.string('paramètre name obligatoire : le nom du scénario'), v.trim(), v.minLength(1, 'ne doit pas être vide'), v.maxLength(200, 'au plus 200 caractères'), NO_NUL),
      mapping: v.optional(v.pipe(v.string(), v.maxLength(200_000, 'au plus 200 000 caractères'))),
      fileName: v.optional(v.pipe(v.string(), v.maxLength(255, 'au plus 255 caractères'))),
    }),
    deleteQuery: v.object({
      version: v.optional(v.string()),
      cascade: booleanParam,
    }),
  };
}

export type ApiSchemas = ReturnType<typeof apiSchemas>;

export const IdParam = v.object({ id: v.pipe(v.string(), v.minLength(1), v.maxLength(200, 'au plus 200 caractères')) });
export const CodeParam = v.object({ code: v.pipe(v.string(), v.maxLength(20, 'au plus 20 caractères')) });
export const PlaceParam = v.object({ type: PlaceTypeParam, code: v.pipe(v.string(), v.maxLength(20, 'au plus 20 caractères')) });

const VersionField = v.optional(v.pipe(v.number('doit être un nombre'), v.integer('doit être un entier'), v.minValue(1, 'doit être au moins 1')));

/** Bodies of the entity routes: the articulation/1 object, plus `version` on updates; ids optional where the server can make one. */
export const bodies = {
  mechanisms: {
    create: v.looseObject({ ...MechanismSchema.entries, id: v.optional(MechanismSchema.entries.id) }, MechanismSchema.message),
    update: v.looseObject({ ...MechanismSchema.entries, id: v.optional(MechanismSchema.entries.id), version: VersionField }, MechanismSchema.message),
  },
  people: {
    create: v.looseObject({ ...PersonSchema.entries, id: v.optional(PersonSchema.entries.id) }, PersonSchema.message),
    update: v.looseObject({ ...PersonSchema.entries, id: v.optional(PersonSchema.entries.id), version: VersionField }, PersonSchema.message),
  },
  links: {
    create: LinkSchema,
    update: v.looseObject({ ...LinkSchema.entries, version: VersionField }, LinkSchema.message),
  },
} as const;

/** The body of PUT /api/findings/:id/state (docs/etats.md). */
export const FindingStateBody = v.pipe(
  v.object(
    {
      status: v.picklist(FINDING_STATUSES, (issue) => `état inconnu « ${String(issue.input)} » (attendu : a-traiter, verifie ou justifie)`),
      comment: v.optional(v.pipe(v.string('doit être un texte'), v.maxLength(2000, 'ne doit pas dépasser 2 000 caractères'), NO_NUL)),
      version: VersionField,
      asOf: AsOfSchema,
    },
    'doit être un objet { status, comment, version }',
  ),
  v.forward(
    v.check((body) => body.status !== 'justifie' || (body.comment ?? '').trim() !== '', 'un constat justifié demande un commentaire qui dit pourquoi'),
    ['comment'],
  ),
);

export const DeleteBody = v.looseObject({ version: VersionField }, 'doit être un objet { version }');

export const recordSchema = <S extends v.GenericSchema>(data: S) =>
  v.object({ id: v.string(), version: v.number(), updatedAt: v.string(), data });
