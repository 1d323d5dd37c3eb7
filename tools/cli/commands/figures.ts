// `ledger summary`: the figures and the report's sentences of a month or any period, read from a
// local file or the ledger server.
import dayjs from 'dayjs'
import { formatSummary } from '../format'
import { planSummary, runSummary } from '../summary'
import { chooseLedger, openTarget } from '../target'
import { keysFor, READ_ONLY } from './common'
import { usage, type Command } from './flags'

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
