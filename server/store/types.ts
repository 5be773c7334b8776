// The store's vocabulary: records, filters, imports, journal entries, and what a write is told.
import type { Dataset, Mechanism, Person, StoredLink } from '../../model/schema.ts';
import type { Problem } from '../../model/validate.ts';
import type { Snapshot } from './snapshot.ts';

export const ENTITY_KINDS = ['mechanisms', 'people', 'links'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export interface EntityData {
  mechanisms: Mechanism;
  people: Person;
  links: StoredLink;
}

export interface EntityRecord<T> {
  id: string;
  version: number;
  updatedAt: string;
  data: T;
}

/** Title, scope and any extra top-level field of the document. */
export type DatasetMeta = Record<string, unknown> & { title?: string; scope?: Dataset['scope'] };

export type LoadedDataset = Dataset & { links: StoredLink[] };

/** How messages name each kind. */
export const LABEL: Record<EntityKind, { one: string; the: string; a: string }> = {
  mechanisms: { one: 'dispositif', the: 'le dispositif', a: 'un dispositif' },
  people: { one: 'personne', the: 'la personne', a: 'une personne' },
  links: { one: 'lien', the: 'le lien', a: 'un lien' },
};

/** One record written (or deleted: `record` null); `position` and `creator` for a new record. */
export interface RecordChange {
  kind: EntityKind;
  id: string;
  record: EntityRecord<unknown> | null;
  position?: number;
  creator?: string | null;
}

export interface ListFilter {
  kinds?: readonly string[];
  statuses?: readonly string[];
  departements?: readonly string[];
  regions?: readonly string[];
  q?: string;
  /** Links only: links touching this mechanism. */
  mechanism?: string;
  /** Mechanisms only: those working on this theme (model/graph.ts, mechanismThemes). */
  theme?: string;
  /** Mechanisms only: those whose perimeter meets these base communes (sorted; a place, model/places.ts). */
  communes?: Uint32Array;
  limit?: number;
  offset?: number;
}

export interface Diff {
  created: string[];
  updated: string[];
  removed: string[];
  unchanged: number;
}
export type DatasetDiff = { [K in EntityKind]: Diff } & { meta: boolean };

export interface ImportOptions {
  mode: 'replace' | 'merge';
  dryRun?: boolean;
  /** Audit action: `import` through the API, `seed` for the demo data (`undo`: an import undone, see undo.ts). */
  action?: 'import' | 'seed' | 'undo';
  /** Cap on the problems returned (a broken 20 MB document can have very many). */
  maxProblems?: number;
}

export interface ImportOutcome {
  dryRun: boolean;
  mode: 'replace' | 'merge';
  valid: boolean;
  problems: Problem[];
  problemCount: number;
  diff: DatasetDiff;
  /** Data version after the import (unchanged for a dry run or when nothing changed). */
  dataVersion: number;
  changed: boolean;
  /** The import's step in the journal (written imports that changed something): `undo` of it reverts the whole import. */
  journalEntry?: number;
}

/** An import checked against one state, ready to be written (see Store.prepareImport). */
export interface PreparedImport {
  snap: Snapshot;
  input: unknown;
  options: ImportOptions;
  outcome: ImportOutcome;
  /** The validated document, when valid. */
  dataset?: LoadedDataset;
}

/** Problems returned by an import or a write (the total is counted): a broken 20 MB file can hold millions. */
export const MAX_PROBLEMS = 1000;

export interface AuditEntry {
  seq: number;
  at: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  dataVersion: number;
  /** The account that wrote (null: the demo seed); email and name are null once the account is deleted. */
  account: { id: number; email: string | null; name: string | null } | null;
  /** For an undo: the entry it reverted. */
  undoOf: number | null;
  /** Whether it is its record's last change: only that one can be undone. */
  latest: boolean;
}

export interface AuditQuery {
  entity?: string;
  entityId?: string;
  action?: string;
  /** The writing account's id. */
  account?: number;
  /** Entries about this mechanism or a link touching it. */
  mechanism?: string;
  /** Entries at or after this instant, and strictly before `to` (ISO). */
  from?: string;
  to?: string;
  /** Only entries with a sequence number below this (paging backwards). */
  before?: number;
  /** An import (or its undo) as one entry, its step's: the entries of its records are left out. */
  steps?: boolean;
  /** Only the entries of one write (its data version): the records of an import's step. */
  dataVersion?: number;
  limit?: number;
  /** Entries the reader may see (scoped readers); the others are skipped. */
  visible?: (entry: AuditEntry) => boolean;
}

/**
 * One change of a write, shown to the write's `authorize` check before it happens: a create has
 * `after`, a delete `before`, an update both (and is first shown with `before` alone, before its
 * body is checked). `dataset` is a change of the dataset's own fields by an import.
 */
export interface Change {
  op: 'create' | 'update' | 'delete';
  kind: EntityKind | 'dataset';
  id: string;
  before?: unknown;
  after?: unknown;
  /** The state the write starts from. */
  snap: Snapshot;
}

/** Who writes (recorded in the journal) and what they may change (throws to refuse). */
export interface WriteContext {
  account?: number | null;
  authorize?: (change: Change) => void;
}

export interface UndoOutcome {
  undone: AuditEntry;
  /** The record put back (null: deleted again, or a whole import undone). */
  record: EntityRecord<unknown> | null;
  dataVersion: number;
  /** A whole import undone: its step's entry in the journal, and what the undo changed. */
  reverted?: { journalEntry: number; diff: DatasetDiff };
}

export interface DeleteOutcome {
  deleted: EntityRecord<unknown>;
  cascaded: { links: string[]; mechanisms: string[] };
  dataVersion: number;
}

/** What the journal keeps of an erased person, and the prefix of their pseudonym. */
export const ERASED_LABEL = 'Personne effacée';
export const ERASED_PREFIX = 'personne-effacee-';
