// `npm run check -- FILE [--as-of YYYY-MM-DD] [--departement CODE] [--format text|json] [--mapping FILE]`
// FILE: an articulation/1 JSON document, or a workbook (XLSX, ODS, CSV: see check-workbook.ts).
// Exit 0: no error-severity finding; 1: at least one; 2: unreadable, not JSON, invalid, a mapping
// to confirm, or bad arguments.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { computeIndicators, type Indicators } from '../../model/indicators.ts';
import { isCalendarDate, today } from '../../model/dates.ts';
import { ArticulationModel } from '../../model/graph.ts';
import { plural } from '../../model/text.ts';
import { runRules } from '../../model/rules/engine.ts';
import type { Finding } from '../../model/rules/types.ts';
import { parseJson, validateDataset, type Problem } from '../../model/validate.ts';
import { loadTerritories } from '../territories.ts';
import { checkWorkbook, isWorkbookFile } from './check-workbook.ts';
import { formatReport } from './report.ts';

const USAGE = `Usage : npm run check -- FICHIER [--as-of AAAA-MM-JJ] [--departement CODE] [--format text|json] [--mapping CORRESPONDANCE.json]

Vérifie un fichier articulation/1 (JSON) ou un classeur (XLSX, ODS, CSV) : validité, constats des règles
d'articulation et indicateurs.
  --as-of        date de référence (par défaut : aujourd'hui)
  --departement  ne garder que les constats et indicateurs de ce département
  --format       text (par défaut, lisible) ou json ({ findings, indicators } sur la sortie standard ;
                 pour un classeur, aussi mapping : la correspondance des colonnes appliquée)
  --mapping      classeur : la correspondance des colonnes à appliquer (JSON, telle que check la propose)
Code de sortie : 0 sans constat de gravité « erreur », 1 s'il y en a, 2 si le fichier est illisible ou
invalide, ou si la correspondance des colonnes d'un classeur est à confirmer (elle est alors écrite en
JSON sur la sortie standard).`;

class UsageError extends Error {}

interface Options {
  file: string;
  asOf: string;
  departement?: string;
  format: 'text' | 'json';
  mapping?: string;
}

function parseOptions(argv: string[]): Options | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'as-of': { type: 'string' },
        departement: { type: 'string' },
        format: { type: 'string', default: 'text' },
        mapping: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError(`argument non reconnu : ${(e as Error).message.replace(/^Unknown option '(.*)'.*$/s, '$1')}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'indiquez le fichier à vérifier' : `un seul fichier à la fois (reçu : ${positionals.join(', ')})`);
  const asOf = values['as-of'] ?? today();
  if (!isCalendarDate(asOf)) throw new UsageError(`--as-of : « ${asOf} » n'est pas une date valide (AAAA-MM-JJ)`);
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format : « ${values.format} » inconnu (text ou json)`);
  const departement = values.departement;
  if (departement !== undefined && !loadTerritories().isDepartement(departement)) {
    throw new UsageError(`--departement : code département inconnu « ${departement} »`);
  }
  return { file: positionals[0], asOf, departement, format: values.format, mapping: values.mapping };
}

type Loaded = { ok: true; value: unknown } | { ok: false; problems: Problem[] };

function readBytes(file: string): { ok: true; bytes: Uint8Array } | { ok: false; problems: Problem[] } {
  try {
    return { ok: true, bytes: readFileSync(file) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'fichier introuvable' : code === 'EISDIR' ? "c'est un dossier" : code === 'EACCES' ? 'accès refusé' : (e as Error).message;
    return { ok: false, problems: [{ path: file, message: `impossible de lire le fichier : ${why}` }] };
  }
}

function parseJsonFile(file: string, bytes: Uint8Array): Loaded {
  const parsed = parseJson(new TextDecoder().decode(bytes));
  return parsed.ok ? parsed : { ok: false, problems: [{ path: file, message: parsed.message }] };
}

function printProblems(problems: Problem[], format: Options['format']): void {
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify({ error: 'Fichier invalide', issues: problems }, null, 2)}\n`);
    return;
  }
  const lines = [`Fichier invalide : ${plural(problems.length, 'problème')}.`, ''];
  for (const p of problems) {
    const value = p.value === undefined ? '' : ` (valeur : ${JSON.stringify(p.value)?.slice(0, 120)})`;
    lines.push(`  ${p.path} : ${p.message}${value}`);
  }
  process.stderr.write(`${lines.join('\n')}\n`);
}

export function main(argv: string[]): number {
  let options: Options | 'help';
  try {
    options = parseOptions(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`Erreur : ${e.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const file = readBytes(options.file);
  if (!file.ok) {
    printProblems(file.problems, options.format);
    return 2;
  }
  const territories = loadTerritories();
  let header: string[] = [];
  let mapping: unknown;
  let loaded: Loaded;
  if (isWorkbookFile(options.file, file.bytes)) {
    const workbook = checkWorkbook(options.file, file.bytes, options.mapping, territories);
    if (!workbook.ok) {
      process.stderr.write(`${workbook.lines.join('\n')}\n`);
      if (workbook.proposed) process.stdout.write(`${JSON.stringify(options.format === 'json' ? { error: 'correspondance des colonnes à confirmer', mapping: workbook.mapping } : workbook.mapping, null, 2)}\n`);
      return 2;
    }
    if (workbook.warnings.length) process.stderr.write(`Avertissements (${workbook.warnings.length}) :\n${workbook.warnings.join('\n')}\n`);
    header = [...workbook.report, ''];
    mapping = workbook.mapping;
    loaded = { ok: true, value: workbook.document };
  } else if (options.mapping !== undefined) {
    process.stderr.write(`Erreur : --mapping ne s'applique qu'à un classeur (XLSX, ODS, CSV)\n\n${USAGE}\n`);
    return 2;
  } else loaded = parseJsonFile(options.file, file.bytes);
  if (!loaded.ok) {
    printProblems(loaded.problems, options.format);
    return 2;
  }
  const result = validateDataset(loaded.value, territories);
  if (!result.ok) {
    printProblems(result.problems, options.format);
    return 2;
  }
  const model = new ArticulationModel(result.dataset, territories);
  const departements = options.departement ? [options.departement] : undefined;
  const findings: Finding[] = runRules(model, { asOf: options.asOf, departements });
  const indicators: Indicators = computeIndicators(model, { asOf: options.asOf, level: 'departement', departements });
  if (options.format === 'json') process.stdout.write(`${JSON.stringify(mapping === undefined ? { findings, indicators } : { mapping, findings, indicators }, null, 2)}\n`);
  else process.stdout.write(`${header.join('\n')}${header.length ? '\n' : ''}${formatReport(model, findings, indicators, options)}`);
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
