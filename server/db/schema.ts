// The tables, as the query builder (Kysely) sees them: the same on both engines. JSON columns
// hold the text of the JSON, dates are ISO texts, flags are 0 or 1.
import type { Generated } from 'kysely';

export interface Tables {
  migrations: { version: number; name: string; applied_at: string };
  /** One row: the dataset's own fields and the data version every write bumps. */
  dataset: { singleton: number; meta: string; data_version: number; updated_at: string | null };
  mechanisms: EntityRow & { kind: string; status: string };
  /** `created_by`: the account (id, as text) that created the person, as the journal says. */
  people: EntityRow & { created_by: string | null };
  links: EntityRow & { kind: string; from_id: string; to_id: string };
  audit: {
    seq: Generated<number>;
    at: string;
    action: string;
    entity: string;
    entity_id: string | null;
    before: string | null;
    after: string | null;
    data_version: number;
    account: string | null;
    undo_of: number | null;
  };
  /** Holds its one row while an erasure rewrites journal entries (see the append-only triggers). */
  audit_redaction: { active: number };
  accounts: {
    id: Generated<number>;
    email: string;
    name: string | null;
    role: string;
    scope: string;
    password_hash: string | null;
    disabled: number;
    oidc_subject: string | null;
    created_at: string;
    updated_at: string;
    last_login_at: string | null;
    /** The data version of the account's last write: its reads must hold it, on any instance. */
    written_version: Generated<number>;
  };
  sessions: {
    id_hash: string;
    account_id: number;
    csrf_token: string;
    method: 'password' | 'oidc';
    id_token: string | null;
    created_at: string;
    last_seen_at: string;
    expires_at: string;
  };
  api_tokens: {
    id: Generated<number>;
    account_id: number;
    name: string;
    token_hash: string;
    prefix: string;
    created_at: string;
    expires_at: string;
    revoked_at: string | null;
    last_used_at: string | null;
  };
  settings: { key: string; value: string };
  /** Single sign-on attempts between the redirection to the provider and its answer. */
  oidc_states: { state_hash: string; nonce: string; verifier: string; return_to: string; expires_at: string };
  /** A finding's state (docs/etats.md): JSON texts for subjects, départements and the facts' fingerprints. */
  finding_states: {
    finding: string;
    rule: string;
    subjects: string;
    departements: string;
    status: 'verifie' | 'justifie';
    comment: string | null;
    facts: string;
    set_by: number | null;
    set_at: string;
    version: number;
  };
  /** Failed logins per key (an account, an address; hashed), for the throttle. */
  login_failures: { key_hash: string; at: string };
  /** Proposed changes, kept after they are applied (see store/scenarios.ts). */
  scenarios: {
    id: Generated<number>;
    name: string;
    description: string | null;
    author: number | null;
    scope: string;
    changes: string;
    revision: number;
    created_at: string;
    updated_at: string;
    applied_at: string | null;
    applied_by: number | null;
    applied_version: number | null;
  };
}

interface EntityRow {
  id: string;
  position: number;
  data: string;
  version: number;
  updated_at: string;
}

export type EntityTable = 'mechanisms' | 'people' | 'links';
