// Spreadsheet import and export (issue 13): the pure engine. The pipeline, in the order a
// caller runs it (browser worker, API or CLI alike):
//
//   readWorkbook(bytes)                 → RawWorkbook (read.ts: the only module calling libraries)
//   analyseWorkbook(workbook, saved)    → roles, header rows, suggested mappings, auto or to confirm
//   previewImport(workbook, mappings, { territories, current, mode, edits, skip })
//                                       → rows as records with their problems, and the document
//   datasetWorkbook / templateWorkbook / findingsWorkbook …  → WorkbookSpec, written to bytes by
//                                         server/workbook/write.ts (XLSX with exceljs, ODS with SheetJS)
//
// read.ts is not re-exported here, so that importing the pure parts does not pull SheetJS into
// a bundle that does not read files.
export * from './types.ts';
export { analyseWorkbook, describeMapping, findHeaderRow, headerKey, headersOf, mappingKey, missingFields, proposedMapping, saveMapping, suggestColumns, type ColumnMapping, type ColumnSuggestion, type ColumnTarget, type MatchQuality, type SavedMapping, type SheetAnalysis, type SheetMapping, type SheetRole, type WorkbookAnalysis } from './mapping.ts';
export { previewImport, type ImportPreview, type PreviewOptions, type PreviewRow, type RowStatus } from './preview.ts';
export type { CellEdit, RowRef } from './rows.ts';
export { AVIS_FIELDS, DATASET_FIELDS, LINK_FIELDS, MECHANISM_FIELDS, PEOPLE_FIELDS, SHEET_FIELDS, type FieldDef } from './columns.ts';
export { datasetWorkbook, templateWorkbook, NONE } from './layout.ts';
export { avisChecklistWorkbook, comparisonWorkbook, deadlinesWorkbook, findingsWorkbook, indicatorsWorkbook, tableSheet, uncoveredCommunesWorkbook, type AreaRow, type FindingRow, type TableColumn } from './tables.ts';
export { safeSheetName, type ColumnSpec, type OutCell, type SheetSpec, type WorkbookSpec } from './spec.ts';
export { describePlace, describeProblem, describeWhere } from './describe.ts';
export { applyMapping, confirmationSummary, describeColumns, EditsSchema, mappingInputOf, MappingInputSchema, planWorkbookImport, SkipSchema, type MappingInput, type Matching, type PlanOptions, type WorkbookPlan } from './plan.ts';
