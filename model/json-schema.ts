// The JSON Schema of `articulation/1`, generated from the valibot schemas (one source of truth).
// Checks that need the whole document or the territory reference (codes, ids, link ends,
// calendar dates) are not expressible here; validate.ts does them.
import { toJsonSchema } from '@valibot/to-json-schema';
import { DatasetSchema, FORMAT } from './schema.ts';

export function articulationJsonSchema(): Record<string, unknown> {
  const schema = toJsonSchema(DatasetSchema, { target: 'draft-2020-12', typeMode: 'input', errorMode: 'ignore' });
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    ...schema,
    title: `Format d'échange ${FORMAT}`,
    description:
      "Dispositifs de coordination en santé et santé mentale (CLSM, CLS, PTSM, CPTS, DAC, ASV), personnes et liens. Les champs supplémentaires sont autorisés et conservés. Les codes INSEE, l'unicité des identifiants, les extrémités des liens et la validité des dates sont vérifiés par l'application.",
  };
}
