// An import's problems in the user's words: each names its record and where it starts in the
// file (« Dispositif « CLSM de Niort » (ligne 4) »), and the field in French, besides the JSON
// path the server gives. Pure.
import { fieldOfPath, recordName, type RecordKind } from '../../../model/labels.ts';
import { AUDIT_ENTITY_LABELS } from '../../../model/vocabulary.ts';

export { fieldOfPath };

const KINDS: readonly RecordKind[] = ['mechanisms', 'people', 'links'];

/** The line (from 1) where each record of the three lists starts in a JSON text. Tolerant: a text that is not JSON gives what it can. */
export function recordLines(text: string): Record<RecordKind, number[]> {
  const lines: Record<RecordKind, number[]> = { mechanisms: [], people: [], links: [] };
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let stringStart = 0;
  let lastString = '';
  let key = '';
  let list: RecordKind | null = null;
  let expecting = false;
  const start = () => {
    if (list && expecting && depth === 2) {
      lines[list].push(line);
      expecting = false;
    }
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') {
        inString = false;
        if (depth === 1) lastString = text.slice(stringStart + 1, i);
      }
      continue;
    }
    if (/\s/.test(ch)) continue;
    if (ch === '"') {
      start();
      inString = true;
      stringStart = i;
    } else if (ch === ':') {
      if (depth === 1) key = lastString;
    } else if (ch === '{' || ch === '[') {
      start();
      depth++;
      if (depth === 2 && ch === '[' && (KINDS as readonly string[]).includes(key)) {
        list = key as RecordKind;
        expecting = true;
      }
    } else if (ch === '}' || ch === ']') {
      depth--;
      if (depth < 2) list = null;
    } else if (ch === ',') {
      if (depth === 2 && list) expecting = true;
    } else start();
  }
  return lines;
}

const NOUNS: Record<RecordKind, string> = { mechanisms: AUDIT_ENTITY_LABELS.mechanisms, people: AUDIT_ENTITY_LABELS.people, links: AUDIT_ENTITY_LABELS.links };

export interface ProblemPlace {
  /** « Dispositif « CLSM de Niort » (ligne 4) », or « Document » for the file as a whole. */
  record: string;
  /** The field, in French: « Territoire ». Empty for a record or the document as a whole. */
  field: string;
}

/** Where a problem is, in words: its record by its name (or its number in its list) and the line it starts on, then the field. */
export function problemPlace(path: string, document: unknown, lines: Record<RecordKind, number[]>): ProblemPlace {
  const match = /^(mechanisms|people|links)\[(\d+)\]\.?(.*)$/.exec(path);
  if (!match) return { record: 'Document', field: path === '(document)' ? '' : fieldOfPath(path) };
  const kind = match[1] as RecordKind;
  const index = Number(match[2]);
  const doc = (document && typeof document === 'object' ? document : {}) as Partial<Record<RecordKind, unknown[]>>;
  const records = Array.isArray(doc[kind]) ? doc[kind]! : [];
  const record = (records[index] ?? {}) as Record<string, unknown>;
  const names = new Map<string, string>();
  for (const m of Array.isArray(doc.mechanisms) ? doc.mechanisms : []) {
    const r = m as { id?: unknown; name?: unknown };
    if (typeof r?.id === 'string' && typeof r.name === 'string') names.set(r.id, r.name);
  }
  // A mechanism without a name goes by its id, the one thing the file says of it.
  const name = recordName(kind, record, (id) => names.get(id) ?? id) || (kind === 'mechanisms' && typeof record.id === 'string' ? record.id : '');
  const line = lines[kind][index];
  const where = line === undefined ? '' : ` (ligne ${line})`;
  return { record: `${NOUNS[kind]} ${name ? `« ${name} »` : `n° ${index + 1}`}${where}`, field: match[3] ? fieldOfPath(match[3]) : '' };
}

