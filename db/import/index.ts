// Importing an existing Excel / CSV ledger. Plain Node: the CLI, the handlers and the
// tests call these directly; the app's main process only supplies the file path from its dialog.
export { inspectImportFile } from './inspect'
export { dryRunImport, runImport } from './apply'
export { type ImportRequest } from './prepare'
export { listImportBatches, undoImport, undoReason } from './undo'
export { fieldInfo, IMPORT_FIELDS, isImportField } from './fields'
export { canDecodeGbk } from './read'
export { formatImportReport, formatUndoResult } from './format'
