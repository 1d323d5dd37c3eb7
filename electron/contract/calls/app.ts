import { z } from 'zod'
import { call, type AnyCallSpec } from '../define'
import type { AppInfo, LedgerChoiceView, ServerTestResult } from '../results'
import { noInput, text } from './common'

/** TLS to the ledger server: 要求并校验证书 (default), 要求 (encrypted, certificate not checked), 关闭 (plain, warned). */
export const TLS_MODES = ['verify', 'require', 'off'] as const

// What 设置 → 台账 sends for a server; the password only when typed (absent: keep the saved one).
export const serverFields = z
  .object({
    host: text(253).refine((h) => /^[A-Za-z0-9.\-:[\]]+$/.test(h), '服务器地址只能含字母、数字、点、连字符（或 IPv6 地址）'),
    port: z.number().int().min(1, '端口应在 1–65535 之间').max(65535, '端口应在 1–65535 之间'),
    database: text(63).refine((d) => d.trim() !== '', '请填写数据库名'),
    user: text(63).refine((u) => u.trim() !== '', '请填写用户名'),
    tls: z.enum(TLS_MODES),
  })
  .strict()

export const ledgerChoiceTestInput = serverFields.extend({ password: text(200).optional() }).strict()

export const ledgerChoiceSaveInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file') }).strict(),
  serverFields.extend({ kind: z.literal('server'), password: text(200).optional() }).strict(),
])

export const appCalls = {
  'app-info': call(noInput).returns<AppInfo>(),
  // 设置 → 台账: which ledger this PC opens at start (the file, or a server), never the password.
  'ledger-choice-get': call(noInput).returns<LedgerChoiceView>(),
  // Opens the server as a desk would and closes it again: 连接成功, or the Chinese refusal. Nothing is written.
  'ledger-choice-test': call(ledgerChoiceTestInput).returns<ServerTestResult>(),
  // A supervisor: saved for the next start (the password sealed with this PC's safe storage), audited in the ledger that is open.
  'ledger-choice-save': call(ledgerChoiceSaveInput).returns<LedgerChoiceView>(),
} satisfies Record<`${string}-${string}`, AnyCallSpec>
