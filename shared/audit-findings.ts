import type { AuditChainStatus } from './types'

// The audit part of `npm run ledger -- check`'s report and of 设置 → 审计日志 → 校验, in the same words.

const ANCHOR_RESULT = { match: '一致', missing: '台账中已没有这一条（审计记录被删除）', differs: '这一条的哈希不同（审计记录被改写）' }

function counterLine(c: AuditChainStatus['counter']): string {
  if (c.kind === 'sequence')
    return c.ok
      ? `审计计数：${c.count} 条，最大编号 ${c.maxId}，服务器序列 ${c.sequence}（服务器上撤销的事务会跳过编号；删除的记录由哈希链和外部链头发现）`
      : `审计计数：不一致（${c.count} 条，最大编号 ${c.maxId}，服务器序列 ${c.sequence}）——审计记录不经本程序写入`
  return c.ok
    ? `审计计数：编号 1–${c.maxId} 连续，自增计数器 ${c.sequence}，一致`
    : `审计计数：不一致（${c.count} 条，最大编号 ${c.maxId}，自增计数器 ${c.sequence}）——有审计记录被删除`
}

/** What a check of the audit log found, one line each, in Chinese: `check` prints them, 设置 → 审计日志 shows them. */
export function auditFindings(a: AuditChainStatus): string[] {
  const lines = [`审计日志：${a.rows} 条，${a.brokenAt === null ? '哈希链完整' : `第 ${a.brokenAt} 条起被篡改`}`]
  lines.push(counterLine(a.counter))
  lines.push(a.missingTriggers.length === 0 ? '审计保护触发器：齐全' : `审计保护触发器：缺少或被改动 ${a.missingTriggers.join('、')}`)
  if (a.newestAnchor === null) lines.push('外部链头：未找到（备份清单、审计日志导出或月报页脚中的链头可用 --anchor 给出）')
  else {
    const n = a.newestAnchor
    lines.push(
      `外部链头：共对照 ${a.anchorsChecked} 处；最新一处为${n.source}（第 ${n.anchor.id} 条${n.anchor.at ? `，${n.anchor.at}` : ''}）：${ANCHOR_RESULT[n.result]}`,
    )
    for (const p of a.anchorProblems.filter((x) => x !== n).slice(0, 5)) {
      lines.push(`  ${p.source}（第 ${p.anchor.id} 条）：${ANCHOR_RESULT[p.result]}`)
    }
  }
  const r = a.records
  const problems = r.changed + r.deleted + (r.baselinePending ? 0 : r.unaudited)
  lines.push(
    problems === 0
      ? `记录与审计：${r.matching} 条记录与最近一次审计时一致${r.baselinePending ? '（升级基线尚未写入，打开程序后补写）' : ''}`
      : `记录与审计：${problems} 条记录在程序之外被改动（改动 ${r.changed}、删除 ${r.deleted}、未经审计写入 ${r.baselinePending ? 0 : r.unaudited}）：${r.examples.slice(0, 5).join('；')}`,
  )
  return lines
}
