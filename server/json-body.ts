// JSON request bodies from bytes: UTF-8, syntax and depth checked, each refusal a French 400.
// No Hono here: the write worker decodes and parses import bodies off the main thread with it.
import { parseJson } from '../model/validate.ts';
import { jsonDepth } from './canonical.ts';
import { badRequest } from './errors.ts';

export const MAX_JSON_DEPTH = 64;

/** UTF-8 bytes to text: 400 when they are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw badRequest("le corps n'est pas du texte UTF-8 valide", [{ path: '(corps)', message: 'encodage invalide : envoyez du JSON en UTF-8' }]);
  }
}

/** JSON text to a value: 400 when malformed or nested too deep. */
export function parseJsonText(text: string): unknown {
  const parsed = parseJson(text);
  if (!parsed.ok) throw badRequest(`JSON mal formé : ${parsed.message}`, [{ path: '(corps)', message: parsed.message }]);
  if (jsonDepth(parsed.value, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    throw badRequest(`JSON trop imbriqué (plus de ${MAX_JSON_DEPTH} niveaux)`, [{ path: '(corps)', message: `imbrication limitée à ${MAX_JSON_DEPTH} niveaux` }]);
  }
  return parsed.value;
}

/** A JSON body's bytes to a value (UTF-8, syntax, depth). */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  return parseJsonText(decodeUtf8(bytes));
}
