// The command-line door to the ledger for IT staff and scripts: `npm run ledger -- <command>`.
// Runs db/ in plain Node; never prints a stack trace for a user's mistake.
import fs from 'node:fs'
import { parseArgs } from 'node:util'
import dayjs from 'dayjs'
import type { LedgerContext } from '../context'
import { systemActor } from '../context'
import { generateDemoMonth } from '../demo'
import { LedgerError } from '../errors'
import { monthlySummary } from '../figures'
import { openLedger, type Ledger } from '../open'
import { checkLedger } from './check'
import { formatSummary } from './format'

const USAGE = `用法：npm run ledger -- <命令> [选项]

命令：
  demo     --db 文件 --month YYYY-MM          生成一个月的演示数据（同一月份结果相同）
  summary  --db 文件 --month YYYY-MM [--json] 输出月度汇总数据
  check    --db 文件                          完整性检查、外键检查、数据版本与审计链校验
`

class UsageError extends Error {}

function need(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`缺少参数 ${flag}`)
  return value
}

async function openExisting(file: string): Promise<Ledger> {
  if (!fs.existsSync(file)) throw new UsageError(`台账文件不存在：${file}`)
  return openLedger(file)
}

function context(ledger: Ledger): LedgerContext {
  return { db: ledger.db, actor: { ...systemActor, name: '命令行' }, now: () => new Date() }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (command === undefined || command === 'help' || command === '--help') {
    process.stdout.write(USAGE)
    return command === undefined ? 2 : 0
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      db: { type: 'string' },
      month: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  })
  switch (command) {
    case 'demo': {
      const ledger = await openLedger(need(values.db, '--db'))
      try {
        const plan = await generateDemoMonth(context(ledger), need(values.month, '--month'))
        process.stdout.write(`已生成 ${plan.month} 演示数据：接待日 2 场，来访 ${plan.visits} 批 ${plan.personTimes} 人次\n`)
      } finally {
        await ledger.close()
      }
      return 0
    }
    case 'summary': {
      const ledger = await openExisting(need(values.db, '--db'))
      try {
        const summary = await monthlySummary(ledger.db, need(values.month, '--month'), dayjs().format('YYYY-MM-DD'))
        process.stdout.write(values.json ? `${JSON.stringify(summary)}\n` : formatSummary(summary))
      } finally {
        await ledger.close()
      }
      return 0
    }
    case 'check': {
      const ledger = await openExisting(need(values.db, '--db'))
      try {
        const r = await checkLedger(ledger)
        const lines = [
          `完整性检查：${r.integrity.length === 0 ? '通过' : `发现问题 ${r.integrity.length} 处：${r.integrity.slice(0, 5).join('；')}`}`,
          `外键检查：${r.foreignKeyProblems === 0 ? '通过' : `发现 ${r.foreignKeyProblems} 处引用缺失`}`,
          `数据版本：${r.version}${r.version === r.expectedVersion ? '（最新）' : `（软件期望 ${r.expectedVersion}）`}`,
          `审计日志：${r.auditRows} 条，${r.auditBrokenAt === null ? '哈希链完整' : `第 ${r.auditBrokenAt} 条起被篡改`}`,
          r.ok ? '结论：台账正常' : '结论：台账存在问题，请联系技术人员并从备份恢复',
        ]
        process.stdout.write(`${lines.join('\n')}\n`)
        return r.ok ? 0 : 1
      } finally {
        await ledger.close()
      }
    }
    default:
      throw new UsageError(`未知命令：${command}`)
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    if (e instanceof UsageError) process.stderr.write(`错误：${e.message}\n\n${USAGE}`)
    else if (e instanceof LedgerError) process.stderr.write(`错误：${e.message}\n`)
    else if (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS')) process.stderr.write(`错误：参数有误（${e.message}）\n\n${USAGE}`)
    else process.stderr.write(`错误：${e instanceof Error ? e.message : String(e)}\n`)
    process.exitCode = 2
  },
)
