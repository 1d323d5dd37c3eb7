// `ledger import`, `import-inspect`, `import-batches` and `import-undo`: bringing an old Excel/CSV
// ledger in as one batch, looking at a sheet first, and listing or undoing the batches.
import { openLedger } from '../../../db/core/open'
import { batchesCommand, importCommand as runImport, inspectCommand, planImport, undoCommand } from '../import'
import { context, keysFor, need, openExisting, READ_ONLY } from './common'
import { usage, type Command } from './flags'

export const importCommand: Command = async (values) => {
  const plan = planImport(
    {
      in: values.in,
      mapping: values.mapping,
      sheet: values.sheet,
      kind: values.kind,
      location: values.location,
      dryRun: values['dry-run'],
      skipBad: values['skip-bad'],
    },
    usage,
  )
  const ledger = await openLedger(need(values.db, '--db'), { keys: await keysFor(values, [], true) })
  try {
    const { output, code } = await runImport(context(ledger), plan)
    process.stdout.write(output)
    return code
  } finally {
    await ledger.close()
  }
}

export const importInspectCommand: Command = async (values) => {
  process.stdout.write(await inspectCommand(need(values.in, '--in')))
  return 0
}

export const importBatchesCommand: Command = async (values) => {
  const ledger = await openExisting(need(values.db, '--db'), await keysFor(values, [values.db], false), READ_ONLY)
  try {
    process.stdout.write(await batchesCommand(context(ledger)))
  } finally {
    await ledger.close()
  }
  return 0
}

export const importUndoCommand: Command = async (values) => {
  const ledger = await openExisting(need(values.db, '--db'), await keysFor(values, [values.db], true))
  try {
    process.stdout.write(await undoCommand(context(ledger), values.batch, usage))
  } finally {
    await ledger.close()
  }
  return 0
}
