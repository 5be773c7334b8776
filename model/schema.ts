// The `articulation/1` exchange format (described in French in docs/format.md) as valibot schemas.
// Objects are loose: fields this version does not know are kept on round-trip.
// These schemas check shape only; `validate.ts` checks what needs the whole document
// or the territory reference (codes, ids, link ends).
import * as v from 'valibot';
import { isCalendarDate } from './dates.ts';
import {
  ARTICULATION_FORMS,
  AVIS_OPINIONS,
  COPIL_ROLE_IDS,
  AVIS_STAGES,
  FUNDERS,
  LINK_KINDS,
  MECHANISM_KINDS,
  MECHANISM_STATUSES,
  opinionFromText,
  PRIORITIES,
  PTSM_PRIORITIES,
} from './vocabulary.ts';

export const FORMAT = 'articulation/1';

/**
 * `v.looseObject` that refuses arrays. valibot's object schemas take any non-null object, and a
 * loose one copies an array's indices as fields: `"territory": ["79191"]` would be stored as
 * `{ "0": "79191" }`, which no import accepts afterwards. Every object of the format goes through this.
 */
export function record<const TEntries extends v.ObjectEntries>(entries: TEntries, message: string): v.LooseObjectSchema<TEntries, string> {
  const schema = v.looseObject(entries, message);
  const run = schema['~run'].bind(schema);
  const refuseArrays: typeof run = (dataset, config) => {
    if (!Array.isArray(dataset.value)) return run(dataset, config);
    const issue: v.LooseObjectIssue = {
      kind: 'schema',
      type: 'loose_object',
      input: dataset.value,
      expected: 'Object',
      received: 'Array',
      message: `${message}, pas une liste`,
      lang: config.lang,
      abortEarly: config.abortEarly,
      abortPipeEarly: config.abortPipeEarly,
    };
    return { typed: false, value: dataset.value, issues: [issue] } as unknown as ReturnType<typeof run>;
  };
  return Object.assign(schema, { '~run': refuseArrays });
}

const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

export const IdSchema = v.pipe(
  v.string('doit être une chaîne'),
  v.maxLength(120, 'ne doit pas dépasser 120 caractères'),
  v.regex(ID_PATTERN, 'doit être en minuscules, chiffres et tirets, et commencer par une lettre ou un chiffre'),
);

export const DateSchema = v.pipe(
  v.string('doit être une date AAAA-MM-JJ'),
  v.check(isCalendarDate, (issue) => `« ${String(issue.input)} » n'est pas une date valide (AAAA-MM-JJ)`),
);

const NonEmptyText = v.pipe(v.string('doit être un texte'), v.trim(), v.minLength(1, 'ne doit pas être vide'), v.maxLength(500, 'ne doit pas dépasser 500 caractères'));
const Tag = v.pipe(v.string('doit être un texte'), v.trim(), v.minLength(1, 'ne doit pas être vide'), v.maxLength(80, 'ne doit pas dépasser 80 caractères'));
const tags = () => v.optional(v.array(Tag, 'doit être une liste'));
const picklistMessage = (values: readonly string[]) => (issue: v.BaseIssue<unknown>) =>
  `valeur inconnue « ${String(issue.input)} » (attendu : ${values.join(', ')})`;

export const CommuneCodeSchema = v.pipe(v.string('doit être un code commune INSEE'), v.regex(/^[0-9][0-9AB][0-9]{3}$/, (i) => `« ${String(i.input)} » n'est pas un code commune INSEE (5 caractères)`));
export const EpciCodeSchema = v.pipe(v.string('doit être un numéro SIREN'), v.regex(/^[0-9]{9}$/, (i) => `« ${String(i.input)} » n'est pas un SIREN d'EPCI (9 chiffres)`));
export const DepartementCodeSchema = v.pipe(v.string('doit être un code département'), v.regex(/^(?:[0-9]{2}|2A|2B|9[78][0-9])$/, (i) => `« ${String(i.input)} » n'est pas un code département`));

export const TerritorySchema = record(
  {
    communes: v.optional(v.array(CommuneCodeSchema, 'doit être une liste'), []),
    epci: v.optional(v.array(EpciCodeSchema, 'doit être une liste'), []),
    departements: v.optional(v.array(DepartementCodeSchema, 'doit être une liste'), []),
  },
  'doit être un objet { communes, epci, departements }',
);

export const MechanismKindSchema = v.picklist(MECHANISM_KINDS, picklistMessage(MECHANISM_KINDS));
export const MechanismStatusSchema = v.picklist(MECHANISM_STATUSES, picklistMessage(MECHANISM_STATUSES));
export const LinkKindSchema = v.picklist(LINK_KINDS, picklistMessage(LINK_KINDS));
export const PrioritySchema = v.picklist(PRIORITIES, picklistMessage(PRIORITIES));

const DatesSchema = record(
  {
    start: v.optional(DateSchema),
    end: v.optional(DateSchema),
    diagnosticAdopted: v.optional(DateSchema),
    adopted: v.optional(DateSchema),
    signed: v.optional(DateSchema),
  },
  'doit être un objet de dates',
);

const CountPerYear = v.pipe(v.number('doit être un nombre'), v.integer('doit être un entier'), v.minValue(0, 'ne peut pas être négatif'), v.maxValue(365, 'ne peut pas dépasser 365'));

const GovernanceSchema = record(
  {
    copil: v.optional(
      record(
        { roles: v.optional(v.array(v.picklist(COPIL_ROLE_IDS, picklistMessage(COPIL_ROLE_IDS)), 'doit être une liste')), meetingsPerYear: v.optional(CountPerYear) },
        'doit être un objet { roles, meetingsPerYear }',
      ),
    ),
    plenaryPerYear: v.optional(CountPerYear),
    workingGroups: v.optional(
      v.array(record({ theme: Tag, title: v.optional(NonEmptyText) }, 'doit être un objet { theme, title }'), 'doit être une liste'),
    ),
    charter: v.optional(v.boolean('doit être vrai ou faux')),
    funding: v.optional(v.array(v.picklist(FUNDERS, picklistMessage(FUNDERS)), 'doit être une liste')),
  },
  'doit être un objet',
);

export const FteSchema = v.pipe(
  v.number('doit être un nombre'),
  v.gtValue(0, (i) => `${String(i.input)} ETP : doit être strictement supérieur à 0`),
  v.maxValue(1, (i) => `${String(i.input)} ETP : ne peut pas dépasser 1`),
);

/** One entry of a mechanism's dated status history (docs/format.md, « Historique des statuts »); order is checked in validate.ts. */
export const StatusEntrySchema = record({ status: MechanismStatusSchema, from: DateSchema }, 'doit être un objet { status, from }');

/**
 * The sense of an avis: the three stored values, or the French words people type ("Favorable
 * avec réserves", "réservé", "Défavorable"…), case- and accent-insensitively (docs/format.md, « Un avis »).
 */
export const OpinionSchema = v.pipe(
  v.string('doit être un texte'),
  v.description("Sens de l'avis : favorable, favorable-reserves ou defavorable ; les libellés français usuels (« Favorable avec réserves », « réservé », « Défavorable ») sont acceptés, sans accents ni majuscules, et enregistrés sous ces trois valeurs."),
  v.transform((text) => opinionFromText(text) ?? text),
  v.picklist(AVIS_OPINIONS, (issue) => `sens d'avis inconnu « ${String(issue.input)} » (attendu : favorable, favorable avec réserves ou défavorable)`),
);

/** A web address, http or https only (a document is given by reference, never uploaded). */
export const WebAddressSchema = v.pipe(
  v.string('doit être une adresse web'),
  v.trim(),
  v.maxLength(2000, 'ne doit pas dépasser 2 000 caractères'),
  v.check(isWebAddress, (issue) => `« ${String(issue.input)} » n'est pas une adresse web (http:// ou https://)`),
);

/** True for an absolute http(s) address with a host. */
export function isWebAddress(text: string): boolean {
  if (!/^https?:\/\//i.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** A document kept as evidence, by reference: the arrêté of a PTSM, a CLSM's avis letter, a CLS contract (docs/format.md, « Documents »). */
export const DocumentSchema = record(
  { title: NonEmptyText, url: WebAddressSchema, date: v.optional(DateSchema) },
  'doit être un objet { title, url, date }',
);

const documents = () =>
  v.optional(
    v.pipe(
      v.array(DocumentSchema, 'doit être une liste'),
      v.maxLength(100, 'au plus 100 documents'),
      v.description('Pièces justificatives, par référence : { title, url (http ou https), date (AAAA-MM-JJ, facultative) }.'),
    ),
  );

export const CoordinatorSchema = record({ person: IdSchema, fte: v.optional(FteSchema) }, 'doit être un objet { person, fte }');

export const MechanismSchema = record(
  {
    id: IdSchema,
    kind: MechanismKindSchema,
    name: NonEmptyText,
    status: MechanismStatusSchema,
    statusHistory: v.optional(
      v.pipe(
        v.array(StatusEntrySchema, 'doit être une liste'),
        v.description("Statuts datés : chaque entrée donne le statut à partir de sa date (from) ; entrées dans l'ordre des dates ; « status » reprend la dernière."),
      ),
    ),
    territory: TerritorySchema,
    dates: v.optional(DatesSchema),
    priorities: v.optional(v.array(PrioritySchema, 'doit être une liste')),
    objectives: tags(),
    themes: tags(),
    mentalHealthComponent: v.optional(v.boolean('doit être vrai ou faux')),
    governance: v.optional(GovernanceSchema),
    coordinators: v.optional(v.array(CoordinatorSchema, 'doit être une liste')),
    documents: documents(),
  },
  'doit être un objet décrivant un dispositif',
);

export const PersonSchema = record(
  {
    id: IdSchema,
    label: NonEmptyText,
    trained: v.optional(v.boolean('doit être vrai ou faux')),
    email: v.optional(v.pipe(v.string('doit être une adresse'), v.email((i) => `« ${String(i.input)} » n'est pas une adresse électronique`))),
    phone: v.optional(v.pipe(v.string('doit être un numéro'), v.maxLength(40, 'ne doit pas dépasser 40 caractères'))),
  },
  'doit être un objet décrivant une personne',
);

export const LinkSchema = record(
  {
    id: v.optional(v.pipe(v.string('doit être une chaîne'), v.minLength(1), v.maxLength(200), v.check((id) => !id.includes('\u0000'), 'ne doit pas contenir de caractère nul (\\u0000)'))),
    kind: LinkKindSchema,
    from: IdSchema,
    to: IdSchema,
    stage: v.optional(v.picklist(AVIS_STAGES, picklistMessage(AVIS_STAGES))),
    date: v.optional(DateSchema),
    opinion: v.optional(OpinionSchema),
    /** How the PTSM took the avis into account (docs/format.md, « Un avis »). */
    response: v.optional(
      v.pipe(
        v.string('doit être un texte'),
        v.trim(),
        v.minLength(1, 'ne doit pas être vide'),
        v.maxLength(2000, 'ne doit pas dépasser 2 000 caractères'),
        v.description("Avis : comment le PTSM a tenu compte de l'avis (réserves, avis défavorable)."),
      ),
    ),
    priorities: v.optional(v.array(v.picklist(PTSM_PRIORITIES, picklistMessage(PTSM_PRIORITIES)), 'doit être une liste')),
    forms: v.optional(v.array(v.picklist(ARTICULATION_FORMS, picklistMessage(ARTICULATION_FORMS)), 'doit être une liste')),
    documents: documents(),
  },
  'doit être un objet décrivant un lien',
);

export const DatasetSchema = record(
  {
    format: v.literal(FORMAT, (i) => `format inconnu « ${String(i.input)} » (attendu : « ${FORMAT} »)`),
    title: v.optional(NonEmptyText),
    scope: v.optional(
      record({
        departements: v.optional(v.array(DepartementCodeSchema, 'doit être une liste')),
        regions: v.optional(v.array(v.pipe(v.string(), v.regex(/^[0-9]{2}$/, (i) => `« ${String(i.input)} » n'est pas un code région`)), 'doit être une liste')),
      }, 'doit être un objet'),
    ),
    mechanisms: v.optional(v.array(MechanismSchema, 'doit être une liste'), []),
    people: v.optional(v.array(PersonSchema, 'doit être une liste'), []),
    links: v.optional(v.array(LinkSchema, 'doit être une liste'), []),
  },
  'le document doit être un objet JSON',
);

export type Territory = v.InferOutput<typeof TerritorySchema>;
export type Mechanism = v.InferOutput<typeof MechanismSchema>;
export type Person = v.InferOutput<typeof PersonSchema>;
export type Link = v.InferOutput<typeof LinkSchema>;
/** A link once loaded: it always has an id. */
export type StoredLink = Link & { id: string };
export type Dataset = v.InferOutput<typeof DatasetSchema>;
export type DocumentRef = v.InferOutput<typeof DocumentSchema>;
export type DatasetInput = v.InferInput<typeof DatasetSchema>;
