// `npm run docs`: regenerates the committed artefacts derived from the model:
// the JSON Schema of articulation/1, the rules page and the vocabularies page. A test checks
// they are up to date.
import { writeFileSync } from 'node:fs';
import { articulationJsonSchema } from '../../model/json-schema.ts';
import { rulesMarkdown } from '../../model/rules/docs.ts';
import { vocabularyMarkdown } from '../../model/vocabulary-docs.ts';

export const GENERATED = {
  'data/articulation-1.schema.json': () => `${JSON.stringify(articulationJsonSchema(), null, 2)}\n`,
  'docs/regles.md': () => rulesMarkdown(),
  'docs/vocabulaires.md': () => vocabularyMarkdown(),
} as const;

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [path, render] of Object.entries(GENERATED)) {
    writeFileSync(new URL(`../../${path}`, import.meta.url), render());
    console.log(`écrit : ${path}`);
  }
}
