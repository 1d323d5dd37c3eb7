// `ledger summary` and `ledger export`: the figures and the Excel/CSV files of a month, a year or
// any period, read from a local file or the ledger server.
import dayjs from 'dayjs'
import { planExport, runExport } from '../export'
import { formatSummary } from '../format'
import { planSummary, runSummary } from '../summary'
import { chooseLedger, openTarget } from '../target'
import { context, keysFor, READ_ONLY, usage, type Command } from './common'

export const summaryCommand: Command = async (values) => {
  const plan = planSummary({ month: values.month, from: values.from, to: values.to }, usage)
  const target = chooseLedger(values, process.env, usage)
  const ledger = await openTarget(target, () => keysFor(values, [values.db], false), READ_ONLY, usage)
  try {
    const today = dayjs().format('YYYY-MM-DD')
    const report = await runSummary(ledger.db, plan, today)
    process.stdout.write(values.json ? `${JSON.stringify({ ...report.summary, sentence: report.sentence })}\n` : formatSummary(report))
  } finally {
    await ledger.close()
  }
  return 0
}

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
