// `ledger export`: the Excel and CSV files of a month, a year or any period, from a local file or the
// ledger server. Apart from `summary` so that reading the figures never loads the spreadsheet writer.
import { planExport, runExport } from '../export'
import { chooseLedger, openTarget } from '../target'
import { context, keysFor, READ_ONLY } from './common'
import { usage, type Command } from './flags'

export const exportCommand: Command = async (values) => {
  const plan = planExport(
    { month: values.month, year: values.year, from: values.from, to: values.to, out: values.out, csv: values.csv },
    usage,
  )
  const target = chooseLedger(values, process.env, usage)
  const ledger = await openTarget(target, () => keysFor(values, [values.db], true), !READ_ONLY, usage)
  try {
    process.stdout.write(await runExport(context(ledger), plan))
  } finally {
    await ledger.close()
  }
  return 0
}
