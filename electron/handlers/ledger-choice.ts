import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { LedgerError } from '../../db/core/errors'
import type { ServerConfig } from '../../db/core/open-server'
import type { Sealer } from '../../db/keys/envelope'
import { TLS_MODES } from '../contract/calls/app'
import type { SavedLedgerChoice } from '../contract/results'

// Which ledger this PC opens at start (设置 → 台账): the local file (the default, nothing to set
// up) or a PostgreSQL server. Kept in a small JSON file in the app's userData folder; a server's
// password only sealed by this PC's safe storage (DPAPI under the signed-in Windows account),
// never plain on disk. No electron here: main passes safeStorage's sealer, tests their own.

export const LEDGER_CHOICE_FILE = 'ledger-choice.json'

const storedSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file') }),
  z.object({
    kind: z.literal('server'),
    host: z.string().min(1).max(253),
    port: z.number().int().min(1).max(65535),
    database: z.string().min(1).max(63),
    user: z.string().min(1).max(63),
    tls: z.enum(TLS_MODES),
    /** The password sealed by this PC's safe storage (base64), or null for none. */
    sealedPassword: z.string().nullable(),
  }),
])

export type StoredLedgerChoice = z.infer<typeof storedSchema>
export type StoredServerChoice = Extract<StoredLedgerChoice, { kind: 'server' }>
export type ServerFields = Omit<StoredServerChoice, 'kind' | 'sealedPassword'>

/** What 保存 sends: the file, or a server with the password typed (absent: keep the one saved for the same account). */
export type LedgerChoiceRequest = { kind: 'file' } | (ServerFields & { kind: 'server'; password?: string | undefined })

/**
 * The saved choice; none saved is the local file. A file that cannot be read is refused rather
 * than taken as the local file: a desk that meant the server must not quietly start a ledger of
 * its own.
 */
export function readLedgerChoice(file: string): StoredLedgerChoice {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (e) {
    if (e instanceof Error && 'code' in e && e.code === 'ENOENT') return { kind: 'file' }
    throw new LedgerError('ledger_choice_unreadable', `无法读取台账选择文件 ${file}：${e instanceof Error ? e.message : String(e)}`)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    parsed = null
  }
  const checked = storedSchema.safeParse(parsed)
  if (!checked.success) {
    throw new LedgerError(
      'ledger_choice_unreadable',
      `台账选择文件 ${file} 已损坏，未打开任何台账。请由 IT 人员检查；删除该文件后重新启动，程序将使用本机的台账文件。`,
    )
  }
  return checked.data
}

function sameAccount(a: ServerFields, b: StoredLedgerChoice): boolean {
  return b.kind === 'server' && a.host === b.host && a.port === b.port && a.database === b.database && a.user === b.user
}

/**
 * Writes the choice for the next start. A typed password is sealed (refused when this PC cannot
 * seal); an empty one means none (~/.pgpass, or a server that asks for none); absent keeps the
 * saved one, for the same server, database and user only. Written whole, or not at all.
 */
export function writeLedgerChoice(file: string, request: LedgerChoiceRequest, sealer: Sealer | null): StoredLedgerChoice {
  let next: StoredLedgerChoice
  if (request.kind === 'file') next = { kind: 'file' }
  else {
    const { kind: _kind, password, ...fields } = request
    let sealedPassword: string | null
    if (password === undefined) {
      const before = readLedgerChoice(file)
      sealedPassword = before.kind === 'server' && sameAccount(fields, before) ? before.sealedPassword : null
    } else if (password === '') sealedPassword = null
    else {
      if (sealer === null) {
        throw new LedgerError(
          'no_safe_storage',
          '本机无法加密保存密码（系统的安全存储不可用），未保存。请由 IT 人员在本机设置 ~/.pgpass 后不填密码保存。',
        )
      }
      sealedPassword = sealer.seal(Buffer.from(password, 'utf8'))
    }
    next = { kind: 'server', ...fields, sealedPassword }
  }
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const temp = `${file}.${process.pid}.tmp`
  fs.writeFileSync(temp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 })
  fs.renameSync(temp, file)
  return next
}

/** The password saved for a server choice, unsealed; null for none. A seal from another PC or account cannot be opened here. */
export function savedPassword(choice: StoredServerChoice, sealer: Sealer | null): string | null {
  if (choice.sealedPassword === null) return null
  if (sealer === null)
    throw new LedgerError('no_safe_storage', '本机无法读取保存的台账服务器密码（系统的安全存储不可用），请在 设置 → 台账 重新输入密码。')
  try {
    return sealer.unseal(choice.sealedPassword).toString('utf8')
  } catch {
    throw new LedgerError(
      'password_unsealable',
      '保存的台账服务器密码无法在本机（当前 Windows 账户）解开，请在 设置 → 台账 重新输入密码并保存。',
    )
  }
}

/** The server as openServerLedger takes it, TLS as chosen: verify (the default), require without checking the certificate, or off. */
export function serverConfigOf(fields: ServerFields, password: string | null): ServerConfig {
  return {
    host: fields.host,
    port: fields.port,
    database: fields.database,
    user: fields.user,
    ...(password !== null ? { password } : {}),
    ssl: fields.tls === 'verify' ? true : fields.tls === 'require' ? 'no-verify' : false,
  }
}

/** 设置 → 台账's view of a saved choice: whether a password is saved, never the password. */
export function choiceView(choice: StoredLedgerChoice): SavedLedgerChoice {
  if (choice.kind === 'file') return { kind: 'file' }
  const { sealedPassword, ...fields } = choice
  return { ...fields, passwordSaved: sealedPassword !== null }
}

/** For the audit row and messages: 本机文件, or user@host:port/database (TLS). */
export function describeChoice(choice: StoredLedgerChoice | LedgerChoiceRequest): string {
  if (choice.kind === 'file') return '本机文件'
  const tls = choice.tls === 'verify' ? 'TLS 校验证书' : choice.tls === 'require' ? 'TLS 不校验证书' : '未加密'
  return `台账服务器 ${choice.user}@${choice.host}:${choice.port}/${choice.database}（${tls}）`
}

/**
 * This run's ledger, first match wins: `--pg URL` (or `--pg=URL`), then LEDGER_PG, then the
 * file's own rules (--ledger, LEDGER_FILE), then 设置's saved choice.
 */
export type StartChoice = { kind: 'file'; overridden: boolean } | { kind: 'server'; target: string | ServerConfig; overridden: boolean }

export function pgFromCommandLine(argv: readonly string[]): string | undefined {
  let found: string | undefined
  argv.forEach((arg, i) => {
    if (arg.startsWith('--pg=')) found = arg.slice('--pg='.length)
    else if (arg === '--pg' && argv[i + 1] !== undefined) found = argv[i + 1]
  })
  return found?.trim() || undefined
}

export function chooseAtStart(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  saved: StoredLedgerChoice,
  sealer: Sealer | null,
): StartChoice {
  const pg = pgFromCommandLine(argv) ?? (env['LEDGER_PG']?.trim() || undefined)
  const file = argv.some((a) => a.startsWith('--ledger=')) || Boolean(env['LEDGER_FILE']?.trim())
  if (pg !== undefined && file) {
    throw new LedgerError(
      'ledger_choice_conflict',
      '--pg（或 LEDGER_PG）与 --ledger（或 LEDGER_FILE）只能给一个：台账要么是本地文件，要么在服务器上',
    )
  }
  if (pg !== undefined) return { kind: 'server', target: pg, overridden: true }
  if (file) return { kind: 'file', overridden: true }
  if (saved.kind === 'file') return { kind: 'file', overridden: false }
  return { kind: 'server', target: serverConfigOf(saved, savedPassword(saved, sealer)), overridden: false }
}
