// The command-line door to the ledger for IT staff and scripts: `npm run ledger -- <command>`.
// Runs db/ in plain Node; never prints a stack trace for a user's mistake.
import { parseArgs } from 'node:util'
import { LedgerError } from '../../db/core/errors'
import { sessionKind } from '../../shared/codes/sessions'
import { maskedUrl, PG_ENV } from './server-address'
import { PASSPHRASE_HELP, refusePassphraseArgument } from './passphrase-argument'
import { OPTIONS, usage, UsageError, type Command } from './commands/flags'

const KIND_HELP = sessionKind.codes.map((k) => `${k}=${sessionKind.labels[k]}`).join('，')

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
  'files-to-pg': `  files-to-pg --db 文件 --pg 地址               把较早版本迁移时没有带上的附件文件，从当初迁入的那个台账文件旁补到服务器上
                                              （只补服务器缺少的、与记录的校验值相符的文件，不改动已有的；须是同一本台账；
                                              仍有缺失时列出并以退出码 1 结束）`,
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

// Each command's body, by the name it is called with (the same names as COMMANDS). Loaded on call:
// a command brings its own drivers (SQLCipher, pg, the spreadsheet writer), which --help and the
// other commands never need to wait for.
const RUN: Record<string, () => Promise<Command>> = {
  demo: async () => (await import('./commands/demo-data')).demoCommand,
  summary: async () => (await import('./commands/figures')).summaryCommand,
  export: async () => (await import('./commands/export-files')).exportCommand,
  check: async () => (await import('./commands/integrity-check')).checkCommand,
  backup: async () => (await import('./commands/backup-restore')).backupCommand,
  restore: async () => (await import('./commands/backup-restore')).restoreCommand,
  import: async () => (await import('./commands/import-batches')).importCommand,
  'import-inspect': async () => (await import('./commands/import-batches')).importInspectCommand,
  'import-batches': async () => (await import('./commands/import-batches')).importBatchesCommand,
  'import-undo': async () => (await import('./commands/import-batches')).importUndoCommand,
  'migrate-to-pg': async () => (await import('./commands/move-between-engines')).migrateToPgCommand,
  'export-local': async () => (await import('./commands/move-between-engines')).exportLocalCommand,
  'files-to-pg': async () => (await import('./commands/move-between-engines')).filesToPgCommand,
  migrate: async () => (await import('./commands/server-setup')).migrateCommand,
  'grant-app-role': async () => (await import('./commands/server-setup')).grantAppRoleCommand,
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
  refusePassphraseArgument(rest, usage)
  const { values } = parseArgs({ args: rest, options: OPTIONS, strict: true })
  const load = Object.hasOwn(RUN, command) ? RUN[command] : undefined
  if (load === undefined) throw new UsageError(`未知命令：${command}`)
  const run = await load()
  return run(values)
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
