// The states file (`articulation-etats/1`): the findings' states outside the server, for
// `npm run check -- FICHIER --states ETATS.json` and for GET /api/findings/states, which writes it.
// A state with its `facts` (as the server exports them) reopens when the data checked no longer
// holds them; one written by hand, without `facts`, is taken on the data as it is.
import * as v from 'valibot';
import type { ArticulationModel } from '../graph.ts';
import { RULES_BY_ID } from '../rules/registry.ts';
import type { Finding } from '../rules/types.ts';
import { DateSchema } from '../schema.ts';
import { factSource, findingFacts } from './facts.ts';
import { subjectNamer } from '../labels.ts';
import { resolveFindingState, type FindingState, type StoredFindingState } from './states.ts';

export const STATES_FORMAT = 'articulation-etats/1';

const Text = (max: number) => v.pipe(v.string('doit être un texte'), v.trim(), v.maxLength(max, `ne doit pas dépasser ${max} caractères`));

export const StateEntrySchema = v.pipe(
  v.looseObject(
    {
      finding: v.pipe(Text(4000), v.minLength(1, 'ne doit pas être vide')),
      status: v.picklist(['a-traiter', 'verifie', 'justifie'], (i) => `état inconnu « ${String(i.input)} » (attendu : a-traiter, verifie ou justifie)`),
      comment: v.optional(Text(2000)),
      /** When it was set: an instant (ISO) or a date. */
      at: v.optional(v.union([DateSchema, v.pipe(v.string(), v.isoTimestamp())], (i) => `« ${String(i.input)} » n'est pas une date (AAAA-MM-JJ) ni un instant ISO`)),
      by: v.optional(v.nullable(Text(254))),
      facts: v.optional(v.array(v.tuple([v.string(), v.string()], 'doit être une paire [sujet|fait, empreinte]'), 'doit être une liste')),
    },
    'doit être un objet { finding, status, comment, at, by }',
  ),
  v.forward(
    v.check((e) => e.status !== 'justifie' || (e.comment ?? '') !== '', 'un constat justifié demande un commentaire qui dit pourquoi'),
    ['comment'],
  ),
);

export const StatesFileSchema = v.looseObject(
  {
    format: v.literal(STATES_FORMAT, (i) => `format inconnu « ${String(i.input)} » (attendu : « ${STATES_FORMAT} »)`),
    states: v.array(StateEntrySchema, 'doit être une liste'),
  },
  'le fichier des états doit être un objet JSON { format, states }',
);

export type StateEntry = v.InferOutput<typeof StateEntrySchema>;

/** The file's entries, or every problem with its path (« states[2].comment : … »). */
export function parseStatesFile(input: unknown): { ok: true; entries: StateEntry[] } | { ok: false; problems: { path: string; message: string }[] } {
  const parsed = v.safeParse(StatesFileSchema, input);
  if (parsed.success) return { ok: true, entries: parsed.output.states };
  return {
    ok: false,
    problems: parsed.issues.map((issue) => ({
      path: (issue.path ?? []).map((p, i) => (typeof p.key === 'number' ? `[${p.key}]` : `${i ? '.' : ''}${String(p.key)}`)).join('') || '(fichier)',
      message: issue.message,
    })),
  };
}

/** The stored states as a file (what the server exports): with their facts, so that they reopen elsewhere too. */
export function statesFile(states: Iterable<StoredFindingState>): { format: typeof STATES_FORMAT; states: StateEntry[] } {
  const out: StateEntry[] = [];
  for (const s of states) {
    out.push({ finding: s.finding, status: s.status, ...(s.comment !== undefined ? { comment: s.comment } : {}), at: s.at, by: s.by?.name ?? null, facts: [...s.facts] });
  }
  return { format: STATES_FORMAT, states: out };
}

/**
 * The findings with the file's states (each resolved on `model`: one whose facts changed is
 * « à traiter » again, saying why); `unmatched`: the entries that name no finding of the run.
 */
export function applyStateEntries<F extends Finding>(model: ArticulationModel, findings: readonly F[], entries: readonly StateEntry[], at: string): { findings: (F & { state: FindingState })[]; unmatched: StateEntry[] } {
  const byId = new Map(entries.map((e) => [e.finding, e]));
  const source = factSource(model);
  const name = subjectNamer(model);
  const used = new Set<string>();
  const out = findings.map((f) => {
    const entry = byId.get(f.id);
    const rule = RULES_BY_ID.get(f.rule);
    if (!entry || !rule || entry.status === 'a-traiter') return { ...f, state: { status: 'a-traiter' } as FindingState };
    used.add(f.id);
    const stored: StoredFindingState = {
      finding: f.id,
      rule: f.rule,
      subjects: f.subjects,
      departements: [...f.departements],
      status: entry.status,
      ...(entry.comment ? { comment: entry.comment } : {}),
      facts: entry.facts ? new Map(entry.facts) : findingFacts(rule.facts, f.subjects, source),
      at: entry.at ?? at,
      by: entry.by ? { id: 0, name: entry.by } : null,
      version: 1,
    };
    const { version: _version, ...state } = resolveFindingState(stored, rule.facts, source, name);
    return { ...f, state };
  });
  return { findings: out, unmatched: entries.filter((e) => e.status !== 'a-traiter' && !used.has(e.finding)) };
}
