// `ledger check`: the integrity, audit-chain and record-versus-audit checks of a local file or the ledger server.
import { parseAnchor } from '../../../db/audit/verify'
import { checkLedger, checkLines, checkServerLedger } from '../check'
import { chooseLedger, openTarget } from '../target'
import { keysFor, need, openExisting, READ_ONLY } from './common'
import { usage, UsageError, type Command } from './flags'

export const checkCommand: Command = async (values) => {
  const target = chooseLedger(values, process.env, usage)
  const anchors = (values.anchor ?? []).map((text) => {
    const a = parseAnchor(text)
    if (a === null)
      throw new UsageError(`无法识别的链头：${text}（应为“编号:哈希前至少 8 位”，如 1234:3f5a9c01，或审计日志导出的 CSV 文件）`)
    return a
  })
  const ledger =
    target.kind === 'server'
      ? await openTarget(target, () => Promise.resolve(undefined), READ_ONLY, usage)
      : await openExisting(need(values.db, '--db'), await keysFor(values, [values.db], false), READ_ONLY)
  try {
    const r = ledger.engine === 'pg' ? await checkServerLedger(ledger, anchors) : await checkLedger(ledger, anchors)
    process.stdout.write(`${checkLines(r).join('\n')}\n`)
    return r.ok ? 0 : 1
  } finally {
    await ledger.close()
  }
}
