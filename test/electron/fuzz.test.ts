import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { verifyAudit } from '../../db/audit/verify'
import { verifyServerAudit } from '../../db/audit/verify-server'
import { signedOut } from '../../db/core/access'
import { verifyAuditChain } from '../../db/core/audit'
import type { Ledger } from '../../db/core/open'
import { contract, type ContractKey } from '../../electron/contract'
import { dispatch } from '../../electron/handlers/dispatch'
import { casesFor, synthesize, transitionCases } from '../support/fuzz-cases'
import { baseInputs } from '../support/contract-inputs'
import { engineWorldPerFile, UNMASKED_ID, UNMASKED_PHONE, type World } from '../support/world'

// Bad input over every contract call, through dispatch against a real ledger with something in
// every state. The cases and what each expects come from test/support/fuzz-cases.ts:
//   refuse — must come back as { code, message } with a Chinese message, and the row counts of
//            every table and the audit log must show nothing changed;
//   either — odd but valid (SQL or HTML in free text, an id filter that matches nothing): may
//            succeed, or be refused cleanly as above. A success must not break the file and must
//            not show a full phone or ID number.
// The figures are printed and quoted in the README (Reliability). On the local file in the
// vitest project `ledger`, on a PostgreSQL server in the project `pg`.

let w: World<Ledger>
const keys = Object.keys(contract).filter((k): k is ContractKey => Object.hasOwn(contract, k))

// ---- running ----

let tableNames: string[] | null = null

/** The ledger's tables, read once (the fuzz adds none). */
async function tablesOf(ledger: Ledger): Promise<string[]> {
  if (tableNames !== null) return tableNames
  const listed =
    ledger.engine === 'pg'
      ? sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`
      : sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`
  tableNames = (await listed.execute(ledger.db)).rows.map((r) => r.name)
  return tableNames
}

/** Row counts of every table and the last audit id, in one query; `except` leaves one table (and the audit id) out. */
async function fingerprint(world: World<Ledger>, except?: string): Promise<string> {
  const tables = (await tablesOf(world.state.ledger)).filter((n) => n !== except)
  const counts = sql.join(tables.map((n, i) => sql`(select count(*) from ${sql.table(n)}) as ${sql.ref(`c${i}`)}`))
  const lastAudit = except === undefined ? sql`(select max(id) from audit_log)` : sql`null`
  const { rows } = await sql<Record<string, unknown>>`select ${counts}, ${lastAudit} as last_audit`.execute(world.state.ledger.db)
  return JSON.stringify([tables, Object.values(rows[0] ?? {}).map((v) => (v === null ? null : Number(v)))])
}

async function auditRows(world: World<Ledger>): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from audit_log`.execute(world.state.ledger.db)
  return Number(rows[0]?.n ?? -1)
}

async function lastAuditActions(world: World<Ledger>): Promise<string[]> {
  const rows = await world.state.ledger.db.selectFrom('audit_log').select('action').orderBy('id', 'desc').limit(2).execute()
  return rows.map((r) => r.action)
}

const CHINESE = /[\u4e00-\u9fff]/
// JSON escapes of the control characters the ledger strips from text (tab and newline stay).
const CONTROL_IN_JSON = /\\u00(0[0-8bcef]|1[0-9a-f])|\u007f/i

function piiFindings(json: string): string[] {
  const found: string[] = []
  const phone = UNMASKED_PHONE.exec(json)
  if (phone) found.push(`unmasked phone ${phone[0]}`)
  const id = UNMASKED_ID.exec(json)
  if (id) found.push(`unmasked ID ${id[0]}`)
  return found
}

engineWorldPerFile((built) => (w = built))

describe('bad input over every contract call', () => {
  it(
    'is refused with { code, message } in Chinese and changes nothing; odd but valid input never harms the ledger',
    { timeout: 300_000 },
    async () => {
      const bases = baseInputs(w)
      const transitions = transitionCases(w, bases)
      const fieldCases = keys.flatMap((key) =>
        Object.hasOwn(bases, key) ? casesFor(key, bases[key], true) : casesFor(key, synthesize(contract[key].input), false),
      )
      const all = [...transitions, ...fieldCases]
      const failures: string[] = []
      let refused = 0
      let accepted = 0
      for (const c of all) {
        // Every case acts as the supervisor, so role checks do not hide the deeper ones.
        w.state.operator = w.supervisor
        const before = await fingerprint(w)
        const beforeButAudit = await fingerprint(w, 'audit_log')
        const auditBefore = await auditRows(w)
        const result = await dispatch(w.state, c.key, c.input)
        const where = `${c.key} [${c.label}]`
        if (!result.ok) {
          refused++
          const { code, message } = result.error
          if (typeof code !== 'string' || code === '' || code === 'internal') failures.push(`${where}: code ${code} — ${message}`)
          if (!CHINESE.test(message)) failures.push(`${where}: message not Chinese: ${message}`)
          if (c.codes && !c.codes.includes(code)) failures.push(`${where}: code ${code}, expected ${c.codes.join('/')} — ${message}`)
          // The one write a refusal may make: a wrong PIN is logged, as the attempt counted before the
          // check and as its failure (db/staff/pin-check.ts), and nothing else.
          if (code === 'wrong_pin') {
            const logged = await lastAuditActions(w)
            const twoRows = logged[0] === 'sign_in_failed' && logged[1] === 'pin_attempt' && (await auditRows(w)) === auditBefore + 2
            if (!twoRows || (await fingerprint(w, 'audit_log')) !== beforeButAudit) {
              failures.push(`${where}: a wrong PIN changed more than its two audit rows`)
            }
          } else if ((await fingerprint(w)) !== before) failures.push(`${where}: refused (${code}) but the ledger changed`)
          continue
        }
        accepted++
        if (c.expect === 'refuse') {
          failures.push(`${where}: accepted input that must be refused`)
          continue
        }
        const json = JSON.stringify(result.data) ?? ''
        if (c.key !== 'visitor-reveal') for (const finding of piiFindings(json)) failures.push(`${where}: ${finding}`)
        if ((await fingerprint(w)) !== before && CONTROL_IN_JSON.test(json)) failures.push(`${where}: control characters stored`)
      }

      expect(Object.prototype).not.toHaveProperty('polluted')
      expect((await verifyAuditChain(w.state.ledger.db)).brokenAt).toBeNull()
      const ledger = w.state.ledger
      if (ledger.engine === 'sqlite') {
        expect(ledger.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
        expect(ledger.sqlite.pragma('foreign_key_check')).toEqual([])
        // Every record every accepted call wrote is vouched for by an audit row, as check sees it.
        expect(verifyAudit(ledger.sqlite, ledger.file)).toMatchObject({ ok: true, records: { changed: 0, unaudited: 0, deleted: 0 } })
        expect(ledger.file).toBe(w.t.file)
        expect(fs.existsSync(w.t.file)).toBe(true)
      } else {
        // The server keeps its pages and constraints itself; the chain and every record's digest are check's.
        expect(await verifyServerAudit(ledger.db)).toMatchObject({ ok: true })
      }

      console.log(
        `坏输入模糊测试：覆盖调用 ${new Set(all.map((c) => c.key)).size} 个，用例 ${all.length} 个` +
          `（其中错误状态下的流转 ${transitions.length} 个）；拒绝 ${refused} 个、合法接受 ${accepted} 个；不符合预期 ${failures.length} 个`,
      )
      expect(failures).toEqual([])
      expect(new Set(all.map((c) => c.key))).toEqual(new Set(keys))
      expect(all.length).toBeGreaterThan(3000)
    },
  )

  it('refuses supervisor-only calls to desk staff, to nobody and to a supervisor without their own PIN, changing nothing', async () => {
    const bases = baseInputs(w)
    const supervisorOnly: ContractKey[] = [
      'audit-list',
      'audit-verify',
      'visitor-reveal',
      'backup-restore',
      'backup-folder-choose',
      'backup-folder-reset',
      'category-save',
      'holiday-set',
      'holiday-remove',
      'settings-update',
      'organization-merge',
      'visitor-merge',
    ]
    for (const operator of [w.desk, signedOut, { ...w.supervisor, ownPin: false }]) {
      for (const key of supervisorOnly) {
        w.state.operator = operator
        const merges: Partial<Record<ContractKey, unknown>> = {
          'organization-merge': { keepId: w.organizationId, mergeId: 99_999 },
          'visitor-merge': { keepId: w.visitorId, mergeId: 99_999 },
        }
        const input = key === 'backup-restore' ? { name: w.backupName } : (merges[key] ?? (Object.hasOwn(bases, key) ? bases[key] : {}))
        const before = await fingerprint(w)
        const result = await dispatch(w.state, key, input)
        expect(result.ok ? 'ok' : result.error.code, `${key} as ${operator.name}`).toBe('forbidden')
        expect(await fingerprint(w)).toBe(before)
      }
    }
    w.state.operator = w.supervisor
  })
})
