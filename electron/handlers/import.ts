import path from 'node:path'
import { LedgerError } from '../../db/core/errors'
import { dryRunImport, inspectImportFile, listImportBatches, runImport, undoImport } from '../../db/import'
import { ledgerContext } from './ledger-context'
import { progressTracker } from './progress'
import type { AppState, Handler, Handlers, SaveFilter } from './types'

// Importing an old Excel / CSV ledger. The renderer never names a file itself: main's
// open dialog (state.chooseOpenPath) picks it, and only files picked there can be read here.

const FILTERS: SaveFilter[] = [
  { name: 'Excel 工作簿或 CSV 文件', extensions: ['xlsx', 'csv'] },
  { name: 'Excel 工作簿', extensions: ['xlsx'] },
  { name: 'CSV（逗号分隔）', extensions: ['csv', 'txt'] },
]

const chosenFiles = new WeakMap<AppState, Set<string>>()

function chosenFile(state: AppState, file: string): string {
  if (!chosenFiles.get(state)?.has(file)) throw new LedgerError('import_file', '请先点击“选择文件”，选择要导入的表格')
  return file
}

export const importChooseFile: Handler<'import-choose-file'> = async (state) => {
  if (!state.chooseOpenPath)
    throw new LedgerError('unavailable', '当前环境无法选择文件，请在桌面程序中导入，或使用命令行 npm run ledger -- import')
  const file = await state.chooseOpenPath(FILTERS)
  if (file === null) return null
  const files = chosenFiles.get(state) ?? new Set<string>()
  files.add(file)
  chosenFiles.set(state, files)
  return { file, fileName: path.basename(file) }
}

export const importInspect: Handler<'import-inspect'> = async (state, input) => inspectImportFile(chosenFile(state, input.file))

// One import (or dry run) at a time per app; the renderer polls import-progress for its progress bar.
const importJob = progressTracker('上一次导入尚未完成，请稍候')

export const importProgress: Handler<'import-progress'> = async (state) => importJob.read(state)

export const importDryRun: Handler<'import-dry-run'> = async (state, input) => {
  const file = chosenFile(state, input.file)
  return importJob.run(state, (onProgress) =>
    dryRunImport(ledgerContext(state), {
      file,
      mapping: input.mapping,
      options: { sheet: input.sheet, defaultKind: input.defaultKind, location: input.location },
      onProgress,
    }),
  )
}

export const importRun: Handler<'import-run'> = async (state, input) => {
  const file = chosenFile(state, input.file)
  return importJob.run(state, (onProgress) =>
    runImport(ledgerContext(state), {
      file,
      mapping: input.mapping,
      options: { sheet: input.sheet, defaultKind: input.defaultKind, location: input.location, skipBad: input.skipBad },
      onProgress,
    }),
  )
}

export const importUndo: Handler<'import-undo'> = async (state, input) => {
  return undoImport(ledgerContext(state), input.batchId)
}

export const importBatches: Handler<'import-batches'> = async (state) => listImportBatches(state.ledger.db)

export const importHandlers = {
  'import-choose-file': importChooseFile,
  'import-inspect': importInspect,
  'import-dry-run': importDryRun,
  'import-run': importRun,
  'import-progress': importProgress,
  'import-undo': importUndo,
  'import-batches': importBatches,
} satisfies Partial<Handlers>
