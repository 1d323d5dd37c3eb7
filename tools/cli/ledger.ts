// The command-line door to the ledger for IT staff and scripts: `npm run ledger -- <command>`.
// Runs db/ in plain Node; never prints a stack trace for a user's mistake.
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import dayjs from 'dayjs'
import { systemActor, type LedgerContext, type SystemActor } from '../../db/core/context'
import { generateDemoMonth } from '../demo'
import { LedgerError } from '../../db/core/errors'
import { ledgerVersion, openLedger, type Ledger, type LocalLedger } from '../../db/core/open'
import { latestMigration } from '../../db/migrations'
import { moveToServer } from '../../db/move/to-server'
import { exportToLocal } from '../../db/move/to-local'
import { openServerLedger } from '../../db/core/open-server'
import { grantDeskRole } from '../../db/core/server-roles'
import { chooseLedger, maskedUrl, openTarget, PG_ENV } from './target'
import { backupNow } from '../../db/backup/backup'
import { restoreFromBackup, verifyBackupFile } from '../../db/backup/restore'
import { checkLedgerHealth } from '../../db/backup/startup'
import { parseAnchor } from '../../db/audit/verify'
import { checkLedger, checkLines, checkServerLedger } from './check'
import { planExport, runExport } from './export'
import { batchesCommand, importCommand, inspectCommand, KIND_HELP, planImport, undoCommand } from './import'
import { formatSummary } from './format'
import { planSummary, runSummary } from './summary'
import { commandLineKeys, needsPassphrase, PASSPHRASE_HELP, refusePassphraseArgument } from './passphrase'
import { isPlainSqliteFile } from '../../db/keys/cipher'
import type { LedgerKeys } from '../../db/keys/keys'

// One entry per command: `ledger <command> --help` prints its own, `ledger --help` all of them.
const COMMANDS: Record<string, string> = {
  demo: `  demo     --db 文件 --month YYYY-MM          生成一个月的演示数据（同一月份结果相同），并说明演示人员如何登录`,
  summary: `  summary  --db 文件 --month YYYY-MM [--json] 输出月度汇总数据和月报文字（--db 文件 可换成 --pg 地址）
  summary  --db 文件 --from YYYY-MM-DD --to YYYY-MM-DD [--json]
                                              输出任意期间（季度、半年、全年、跨年）的汇总数据和报告文字；
                                              --from start 为建账以来，不给 --to 为截至今天`,
  check: `  check    --db 文件 [--anchor 编号:哈希 | --anchor 审计日志.csv]…
                                              完整性检查、外键检查、数据版本、审计链与计数器、审计保护触发器、
                                              外部链头（备份清单自动查找；月报页脚或审计日志导出中的链头可用
                                              --anchor 给出）、记录与审计是否一致
  check    --pg 地址 [--anchor 链头 …]           台账服务器上的台账：数据版本、审计链、触发器、外部链头、记录与审计逐条核对`,
  export: `  export   --db 文件 --month YYYY-MM --out 文件.xlsx
                                              导出月度台账 Excel（汇总、来访登记、问题台账、回访；电话和身份证号脱敏）
  export   --db 文件 --year YYYY --out 文件.xlsx
                                              导出全年台账 Excel（汇总每月一行，其余三表为全年记录）
  export   --db 文件 --from YYYY-MM-DD --to YYYY-MM-DD --out 文件.xlsx
                                              导出任意期间的台账 Excel（汇总含口径和分类、股室统计，其余三表为期间内记录）
  export   --db 文件 (--month YYYY-MM | --year YYYY) --csv --out 文件.csv
                                              导出问题台账 CSV（UTF-8，供其他系统导入）
                                              （以上 --db 文件 均可换成 --pg 地址，读取台账服务器上的台账）`,
  backup: `  backup   --db 文件 --out 文件夹               生成一致的备份副本（校验后写入该文件夹）`,
  restore: `  restore  --db 文件 --from 备份文件            用备份替换台账；被替换的台账另存一份副本
                                              （请先关闭正在使用该台账的程序）`,
  import: `  import   --db 文件 --in 表格.xlsx|.csv [--mapping 映射.json] [--sheet 工作表] [--dry-run] [--skip-bad]
           [--kind 接待类型] [--location 接待地点]
                                              导入原有的 Excel / CSV 台账，一次完成、可整批撤销。--dry-run 只报告
                                              将导入什么、哪些重复、哪些行无法读取及原因，不写入；有无法读取的行时
                                              不导入（退出码 1），加 --skip-bad 则跳过这些行。不给 --mapping 时按
                                              表头自动识别。--kind：${KIND_HELP}`,
  'import-inspect': `  import-inspect --in 表格.xlsx|.csv          列出工作表、表头、各列识别为的字段和可存为 --mapping 的映射`,
  'import-batches': `  import-batches --db 文件                     列出导入批次`,
  'migrate-to-pg': `  migrate-to-pg --db 文件 --pg 地址             把本地台账迁入台账服务器上的空数据库（一次完成：全部记录、编号、审计链；
                                              核对条数、月度/年度/建账以来的数字、审计链和记录状态后才提交，
                                              中途失败则服务器上不留任何记录；已有台账记录的数据库拒绝迁入）`,
  'export-local': `  export-local --pg 地址 --out 文件             把台账服务器上的台账导出为一个本地台账文件（同一时刻的一致副本，不妨碍各窗口
                                              继续登记；新密钥，以恢复口令加密；核对条数、数字、审计链和记录状态；
                                              不覆盖已有文件）：服务器台账的备份，也是回到单机的办法`,
  migrate: `  migrate  --pg 所有者地址                     以台账所有者账号在服务器上建立台账或升级到本软件的版本（窗口账号无权升级）；
                                              之后请再运行 grant-app-role，为升级新增的表授权`,
  'grant-app-role': `  grant-app-role --pg 所有者地址 --role 窗口账号
                                              给窗口账号（createuser 建立的普通账号）授予登记所需的权限：普通表可读写，
                                              审计日志等只能追加的表只可读和追加；可重复运行`,
  'import-undo': `  import-undo    --db 文件 --batch N           撤销导入批次 N（作废该批次的来访登记及其问题，不删除）`,
}

const ABOUT = `命令行直接操作台账文件，以“命令行”（系统）身份记入审计日志，不经过程序的登录。
台账和备份是加密的：${PASSPHRASE_HELP}。
命令行新建或加密的台账以该口令为恢复口令；程序建立的台账须先由负责人在“设置 → 加密与恢复口令”中设置恢复口令。
台账服务器的地址：--pg postgres://用户@主机:端口/数据库，或环境变量 ${PG_ENV}（密码请放在环境变量或 ~/.pgpass 中，
不要写在命令行里；任何提示中的密码都显示为 ***）。--db 与 --pg 只能给一个。`

const USAGE = `用法：npm run ledger -- <命令> [选项]
      npm run ledger -- <命令> --help    只看该命令的用法

${ABOUT}

命令：
${Object.values(COMMANDS).join('\n')}
`

function commandUsage(command: string): string {
  return `用法：npm run ledger -- ${command} [选项]\n\n${COMMANDS[command] ?? ''}\n`
}

class UsageError extends Error {}

function need(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`缺少参数 ${flag}`)
  return value
}

async function openExisting(file: string, keys: LedgerKeys | undefined, readonly = false): Promise<LocalLedger> {
  if (!fs.existsSync(file)) throw new UsageError(`台账文件不存在：${file}`)
  return openLedger(file, { readonly, keys })
}

// Commands that only read open the file read-only: they work while the app (or anyone) writes,
// and never upgrade or otherwise change it.
const READ_ONLY = true

/** The command line acts with the system capability on the file: no person, no role, recorded as 命令行. */
const commandLine: SystemActor = { ...systemActor, name: '命令行' }

function context(ledger: Ledger): LedgerContext {
  return { db: ledger.db, actor: commandLine, now: () => new Date() }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (command === undefined || command === '--help' || command === '-h' || (command === 'help' && rest.length === 0)) {
    process.stdout.write(USAGE)
    return command === undefined ? 2 : 0
  }
  const asked = command === 'help' ? rest[0] : rest.includes('--help') || rest.includes('-h') ? command : undefined
  if (asked !== undefined) {
    if (!Object.hasOwn(COMMANDS, asked)) throw new UsageError(`未知命令：${asked}`)
    process.stdout.write(commandUsage(asked))
    return 0
  }
  refusePassphraseArgument(rest, (message) => new UsageError(message))
  const { values } = parseArgs({
    args: rest,
    options: {
      db: { type: 'string' },
      month: { type: 'string' },
      json: { type: 'boolean', default: false },
      year: { type: 'string' },
      csv: { type: 'boolean', default: false },
      out: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      in: { type: 'string' },
      mapping: { type: 'string' },
      sheet: { type: 'string' },
      kind: { type: 'string' },
      location: { type: 'string' },
      batch: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'skip-bad': { type: 'boolean', default: false },
      anchor: { type: 'string', multiple: true },
      'passphrase-file': { type: 'string' },
      pg: { type: 'string' },
      role: { type: 'string' },
    },
    strict: true,
  })
  /** The key provider, asked for only when the command needs a key: an encrypted file, or one it writes (and so encrypts). */
  const keysFor = async (files: (string | undefined)[], writes: boolean): Promise<LedgerKeys | undefined> =>
    needsPassphrase(files, writes)
      ? commandLineKeys({ file: values['passphrase-file'], env: process.env }, (message) => new UsageError(message))
      : undefined
  switch (command) {
    case 'demo': {
      const ledger = await openLedger(need(values.db, '--db'), { keys: await keysFor([], true) })
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
    case 'summary': {
      const plan = planSummary({ month: values.month, from: values.from, to: values.to }, (message) => new UsageError(message))
      const target = chooseLedger(values, process.env, usage)
      const ledger = await openTarget(target, () => keysFor([values.db], false), READ_ONLY, usage)
      try {
        const today = dayjs().format('YYYY-MM-DD')
        const report = await runSummary(ledger.db, plan, today)
        process.stdout.write(values.json ? `${JSON.stringify({ ...report.summary, sentence: report.sentence })}\n` : formatSummary(report))
      } finally {
        await ledger.close()
      }
      return 0
    }
    case 'export': {
      const plan = planExport(
        { month: values.month, year: values.year, from: values.from, to: values.to, out: values.out, csv: values.csv },
        (message) => new UsageError(message),
      )
      const target = chooseLedger(values, process.env, usage)
      const ledger = await openTarget(target, () => keysFor([values.db], true), !READ_ONLY, usage)
      try {
        process.stdout.write(await runExport(context(ledger), plan))
      } finally {
        await ledger.close()
      }
      return 0
    }
    case 'check': {
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
          : await openExisting(need(values.db, '--db'), await keysFor([values.db], false), READ_ONLY)
      try {
        const r = ledger.engine === 'pg' ? await checkServerLedger(ledger, anchors) : await checkLedger(ledger, anchors)
        process.stdout.write(`${checkLines(r).join('\n')}\n`)
        return r.ok ? 0 : 1
      } finally {
        await ledger.close()
      }
    }
    case 'backup': {
      const file = need(values.db, '--db')
      const out = path.resolve(need(values.out, '--out'))
      if (!fs.existsSync(file)) throw new UsageError(`台账文件不存在：${file}`)
      // Read-only: a backup never upgrades or otherwise touches an encrypted ledger. An unencrypted
      // one is encrypted first (with its own encrypted copy), so no unencrypted backup is written.
      const plain = isPlainSqliteFile(file)
      const ledger = await openLedger(file, { readonly: !plain, keys: await keysFor([file], true) })
      try {
        const made = await backupNow(ledger, new Date(), out)
        process.stdout.write(`已备份：${made.file}（${made.size} 字节，完整性检查通过）\n`)
      } finally {
        await ledger.close()
      }
      return 0
    }
    case 'restore': {
      const file = path.resolve(need(values.db, '--db'))
      const from = path.resolve(need(values.from, '--from'))
      // The restored ledger is encrypted, whatever the backup was.
      const keys = (await keysFor([file, from], true)) ?? null
      verifyBackupFile(from, undefined, keys)
      let current: LocalLedger | null = null
      if (fs.existsSync(file)) {
        // A damaged ledger cannot be opened: its raw files are kept instead of a backup-API copy.
        current =
          checkLedgerHealth(file, keys).state === 'ok'
            ? await openLedger(file, { backupBeforeMigration: false, readonly: true, keys: keys ?? undefined })
            : null
      }
      const { ledger, result } = await restoreFromBackup({
        current,
        file,
        backupFile: from,
        now: () => new Date(),
        actor: commandLine,
        program: '命令行（从备份恢复台账）',
        keys,
      })
      await ledger.close()
      process.stdout.write(
        `已从备份恢复：${result.restoredFrom}，数据版本 ${result.schemaVersion}\n` +
          (result.keptCopy ? `原台账已另存为：${result.keptCopy.file}\n` : ''),
      )
      return 0
    }
    case 'import': {
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
        (message) => new UsageError(message),
      )
      const ledger = await openLedger(need(values.db, '--db'), { keys: await keysFor([], true) })
      try {
        const { output, code } = await importCommand(context(ledger), plan)
        process.stdout.write(output)
        return code
      } finally {
        await ledger.close()
      }
    }
    case 'migrate-to-pg': {
      const file = need(values.db, '--db')
      const url = values.pg ?? process.env[PG_ENV]
      if (url === undefined || url === '') throw new UsageError(`缺少参数 --pg（台账服务器地址，也可用环境变量 ${PG_ENV}）`)
      const local = await openExisting(file, await keysFor([file], false), READ_ONLY)
      try {
        if (ledgerVersion(local.sqlite) !== latestMigration) {
          throw new UsageError(
            `台账文件的数据版本（${ledgerVersion(local.sqlite)}）不是本软件的最新版本（${latestMigration}）：请先用本软件打开一次（升级）再迁移`,
          )
        }
        const moved = await moveToServer(local, url, { actor: commandLine, now: () => new Date() })
        process.stdout.write(
          `已迁入台账服务器 ${moved.where}：${moved.tables} 张表 ${moved.rows} 条记录，条数、数字、审计链（${moved.auditRows} 条）与记录状态核对一致\n`,
        )
      } finally {
        await local.close()
      }
      return 0
    }
    case 'export-local': {
      const url = values.pg ?? process.env[PG_ENV]
      if (url === undefined || url === '') throw new UsageError(`缺少参数 --pg（台账服务器地址，也可用环境变量 ${PG_ENV}）`)
      if (values.db !== undefined) throw new UsageError('export-local 用 --out 给出本地文件，不用 --db')
      const out = need(values.out, '--out')
      if (fs.existsSync(out)) throw new UsageError(`文件已存在：${out}（导出的本地副本不覆盖已有文件）`)
      const keys = await commandLineKeys({ file: values['passphrase-file'], env: process.env }, usage)
      const server = await openServerLedger(url, { maintenance: true })
      try {
        const made = await exportToLocal(server, out, keys, () => new Date())
        process.stdout.write(
          `已导出本地台账：${made.file}（${made.tables} 张表 ${made.rows} 条记录，审计链 ${made.auditRows} 条；条数、数字、审计链与记录状态核对一致，以恢复口令加密）\n`,
        )
      } finally {
        await server.close()
      }
      return 0
    }
    case 'migrate': {
      const url = serverUrl(values.pg)
      const server = await openServerLedger(url, { maintenance: true })
      try {
        const { rows } = await server.pool.query<{ name: string }>('select name from ledger_migration order by name desc limit 1')
        process.stdout.write(
          `台账服务器 ${server.database} 上的台账已是最新版本（${rows[0]?.name ?? ''}）。请运行 grant-app-role 为窗口账号授权。\n`,
        )
      } finally {
        await server.close()
      }
      return 0
    }
    case 'grant-app-role': {
      const url = serverUrl(values.pg)
      const role = need(values.role, '--role')
      const server = await openServerLedger(url, { maintenance: true })
      const client = await server.pool.connect()
      try {
        await grantDeskRole(client, role, server.database)
        process.stdout.write(`已为窗口账号 ${role} 授权：台账的表可读写，审计日志等只能追加的表只可读和追加。\n`)
      } finally {
        client.release()
        await server.close()
      }
      return 0
    }
    case 'import-inspect': {
      process.stdout.write(await inspectCommand(need(values.in, '--in')))
      return 0
    }
    case 'import-batches': {
      const ledger = await openExisting(need(values.db, '--db'), await keysFor([values.db], false), READ_ONLY)
      try {
        process.stdout.write(await batchesCommand(context(ledger)))
      } finally {
        await ledger.close()
      }
      return 0
    }
    case 'import-undo': {
      const ledger = await openExisting(need(values.db, '--db'), await keysFor([values.db], true))
      try {
        process.stdout.write(await undoCommand(context(ledger), values.batch, (message) => new UsageError(message)))
      } finally {
        await ledger.close()
      }
      return 0
    }
    default:
      throw new UsageError(`未知命令：${command}`)
  }
}

const usage = (message: string) => new UsageError(message)

function serverUrl(flag: string | undefined): string {
  const url = flag ?? process.env[PG_ENV]
  if (url === undefined || url === '') throw new UsageError(`缺少参数 --pg（台账服务器地址，也可用环境变量 ${PG_ENV}）`)
  return url
}

/** Whatever is printed, a server password given on the command line or in LEDGER_PG never is. */
function withoutPasswords(text: string): string {
  const args = process.argv.slice(2)
  const urls = [process.env[PG_ENV], ...args.map((a, i) => (a === '--pg' ? args[i + 1] : a.startsWith('--pg=') ? a.slice(5) : undefined))]
  let out = text
  for (const url of urls) {
    if (url === undefined || url === '') continue
    out = out.split(url).join(maskedUrl(url))
    try {
      const password = decodeURIComponent(new URL(url).password)
      if (password.length >= 3) out = out.split(password).join('***')
    } catch {
      // Not a URL: the whole text was already replaced by its masked form above.
    }
  }
  return out
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    if (e instanceof UsageError) process.stderr.write(withoutPasswords(`错误：${e.message}\n\n${USAGE}`))
    else if (e instanceof LedgerError) process.stderr.write(withoutPasswords(`错误：${e.message}\n`))
    else if (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))
      process.stderr.write(withoutPasswords(`错误：参数有误（${e.message}）\n\n${USAGE}`))
    else process.stderr.write(withoutPasswords(`错误：${e instanceof Error ? e.message : String(e)}\n`))
    process.exitCode = 2
  },
)
