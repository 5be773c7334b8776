// `npm run check -- FILE.xlsx|.ods|.csv [--mapping MAPPING.json]`: a workbook read, mapped and
// turned into an articulation/1 document by the spreadsheet engine (model/workbook/plan.ts, the
// pipeline the API runs), before the same checks as a JSON file.
//
// Where every header matches a field or a synonym exactly, the mapping is applied and printed.
// Where a match is only likely, the mapping is proposed, not applied: it is explained on the
// error output and written as JSON on the standard output (`> correspondance.json`), to edit and
// give back with --mapping; the exit code is 2.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import * as v from 'valibot';
import type { DatasetInput } from '../../model/schema.ts';
import { plural } from '../../model/text.ts';
import type { TerritoryIndex } from '../../model/territory.ts';
import { describeColumns, describeProblem, mappingInputOf, MappingInputSchema, planWorkbookImport, SHEET_NAMES, type MappingInput, type WorkbookPlan } from '../../model/workbook/index.ts';
import { readWorkbook } from '../../model/workbook/read.ts';

const WORKBOOK_EXTENSIONS = /\.(xlsx|xlsm|ods|xls|csv|tsv|txt)$/i;

/** A workbook by its name, or by its first bytes (a zip or an OLE container). */
export function isWorkbookFile(file: string, bytes: Uint8Array): boolean {
  if (WORKBOOK_EXTENSIONS.test(file)) return true;
  return (bytes[0] === 0x50 && bytes[1] === 0x4b) || (bytes[0] === 0xd0 && bytes[1] === 0xcf);
}

export type WorkbookCheck =
  | { ok: true; document: DatasetInput; report: string[]; mapping: MappingInput; warnings: string[] }
  | { ok: false; lines: string[]; mapping?: MappingInput; proposed: boolean };

export function checkWorkbook(file: string, bytes: Uint8Array, mappingFile: string | undefined, territories: TerritoryIndex): WorkbookCheck {
  const read = readWorkbook(bytes, { fileName: basename(file) });
  if (!read.ok) return { ok: false, proposed: false, lines: [`Fichier illisible : ${read.problem.message}.`] };
  let mapping: MappingInput | undefined;
  if (mappingFile !== undefined) {
    const loaded = loadMapping(mappingFile);
    if (!loaded.ok) return { ok: false, proposed: false, lines: loaded.lines };
    mapping = loaded.mapping;
  }
  const plan = planWorkbookImport(read.workbook, { territories, mode: 'replace', mapping });
  const report = mappingReport(plan);
  const errors = [...plan.problems, ...(plan.preview?.problems ?? [])].filter((p) => p.severity === 'error');
  const warnings = [...plan.problems, ...(plan.preview?.problems ?? [])].filter((p) => p.severity === 'warning').map((p) => `  ${describeProblem(p)}`);
  if (plan.matching === 'proposed') {
    return {
      ok: false,
      proposed: true,
      mapping: mappingInputOf(plan.mappings),
      lines: [
        ...report,
        '',
        'Certaines colonnes ne correspondent que probablement à un champ : la correspondance est proposée, pas appliquée.',
        'La correspondance proposée est écrite en JSON sur la sortie standard : enregistrez-la (> correspondance.json),',
        'corrigez-la au besoin (« target » : { "field": … }, { "extra": … } ou { "ignore": true }), puis relancez avec --mapping correspondance.json.',
        ...otherErrors(errors),
      ],
    };
  }
  if (errors.length > 0 || !plan.preview) {
    return { ok: false, proposed: false, lines: [...report, '', `Classeur invalide : ${plural(errors.length, 'problème')}.`, '', ...errors.map((p) => `  ${describeProblem(p)}`)] };
  }
  return { ok: true, document: plan.preview.document, report, mapping: mappingInputOf(plan.mappings), warnings };
}

function otherErrors(errors: WorkbookPlan['problems']): string[] {
  const others = errors.filter((p) => !p.message.startsWith('correspondance proposée'));
  return others.length ? ['', `Autres problèmes (${others.length}) :`, ...others.slice(0, 50).map((p) => `  ${describeProblem(p)}`)] : [];
}

/** « Correspondance des colonnes (automatique) » and, per sheet, each column → its field. */
function mappingReport(plan: WorkbookPlan): string[] {
  const how = { automatic: 'automatique : chaque en-tête correspond à un champ', given: 'donnée par --mapping', proposed: 'proposée, à confirmer' }[plan.matching];
  const lines = [`Correspondance des colonnes (${how}) :`];
  for (const m of plan.mappings) {
    const sheet = plan.analysis.sheets.find((s) => s.sheet === m.sheet);
    lines.push(`  Feuille « ${m.sheet} » lue comme ${SHEET_NAMES[m.kind]}, en-têtes ligne ${m.headerRow}${sheet ? `, ${plural(sheet.dataRowCount, 'ligne')}` : ''} :`);
    for (const line of describeColumns(m, plan.matching === 'proposed' ? sheet : undefined)) lines.push(`    ${line}`);
  }
  for (const s of plan.analysis.sheets) if (!plan.mappings.some((m) => m.sheet === s.sheet) && s.role !== 'empty') lines.push(`  Feuille « ${s.sheet} » non importée.`);
  return lines;
}

function loadMapping(file: string): { ok: true; mapping: MappingInput } | { ok: false; lines: string[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, lines: [`--mapping : impossible de lire ${file} (${code === 'ENOENT' ? 'fichier introuvable' : (e as Error).message}).`] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, lines: [`--mapping : ${file} n'est pas du JSON valide (${(e as Error).message}).`] };
  }
  const parsed = v.safeParse(MappingInputSchema, value);
  if (!parsed.success) {
    return { ok: false, lines: [`--mapping : correspondance invalide dans ${file} :`, ...parsed.issues.map((i) => `  ${v.getDotPath(i) ?? '(racine)'} : ${i.message}`)] };
  }
  return { ok: true, mapping: parsed.output };
}
