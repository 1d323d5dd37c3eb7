import { z } from 'zod'
import type { ImportField } from '../../../shared/types'
import type {
  ImportBatch,
  ImportBatchSummary,
  ImportFileChoice,
  ImportInspection,
  ImportProgress,
  ImportReport,
  ImportUndoResult,
} from '../../../shared/types'
import { call, type AnyCallSpec } from '../define'
import { noInput, id, text } from './common'
import { sessionKindInput } from './sessions'

// An old Excel / CSV ledger. `file` is a path main's open dialog returned (import-choose-file);
// main refuses any other path.

export const IMPORT_FIELDS = [
  'seq',
  'issueNumber',
  'date',
  'time',
  'kind',
  'session',
  'location',
  'visitorName',
  'visitorKind',
  'phone',
  'idNumber',
  'organization',
  'creditCode',
  'headcount',
  'matterType',
  'category',
  'content',
  'answer',
  'place',
  'receivedBy',
  'status',
  'department',
  'assignee',
  'leader',
  'dueDate',
  'result',
  'resolvedDate',
  'callback',
  'callbackDate',
  'callbackMethod',
  'callbackComment',
  'closedDate',
  'transferTo',
  'reason',
  'note',
] as const satisfies readonly ImportField[]

// Fails to compile when db/types.ts gains a field this list does not have.
export const everyImportField: Exclude<ImportField, (typeof IMPORT_FIELDS)[number]> extends never ? true : never = true
void everyImportField

/** Field → column number (1 = column A) or header text. */
export const importMapping = z.partialRecord(z.enum(IMPORT_FIELDS), z.union([z.number().int().positive().max(16384), text(100).min(1)]))

export const importFile = text(1000).min(1, '请先选择要导入的文件')

export const importOptions = {
  sheet: text(100).optional(),
  defaultKind: sessionKindInput.optional(),
  location: text(60).optional(),
}

export const importInspectInput = z.object({ file: importFile }).strict()

export const importDryRunInput = z.object({ file: importFile, mapping: importMapping, ...importOptions }).strict()

export const importRunInput = z
  .object({ file: importFile, mapping: importMapping, ...importOptions, skipBad: z.boolean().optional() })
  .strict()

export const importUndoInput = z.object({ batchId: id }).strict()

export const importCalls = {
  // The file comes from main's open dialog (import-choose-file, null when cancelled); the other calls accept only a file chosen there.
  // import-run and import-undo are supervisor-only; import-run answers once the whole import is
  // committed (or nothing is), and import-progress can be polled meanwhile for the progress bar.
  'import-choose-file': call(noInput).returns<ImportFileChoice | null>(),
  'import-inspect': call(importInspectInput).returns<ImportInspection>(),
  'import-dry-run': call(importDryRunInput).returns<ImportReport>(),
  'import-run': call(importRunInput).returns<ImportBatchSummary>(),
  'import-progress': call(noInput).returns<ImportProgress>(),
  'import-undo': call(importUndoInput).returns<ImportUndoResult>(),
  'import-batches': call(noInput).returns<ImportBatch[]>(),
} satisfies Record<`${string}-${string}`, AnyCallSpec>
