// `ledger demo`: a month of demo records in a new or existing ledger, for training and trying out.
import { openLedger } from '../../../db/core/open'
import { generateDemoMonth } from '../../demo'
import { context, keysFor, need } from './common'
import { type Command } from './flags'

export const demoCommand: Command = async (values) => {
  const ledger = await openLedger(need(values.db, '--db'), { keys: await keysFor(values, [], true) })
  try {
    const plan = await generateDemoMonth(context(ledger), need(values.month, '--month'))
    process.stdout.write(
      `已生成 ${plan.month} 演示数据：接待日 2 场，来访 ${plan.visits} 批 ${plan.personTimes} 人次\n${plan.signInNote}\n`,
    )
  } finally {
    await ledger.close()
  }
  return 0
}
