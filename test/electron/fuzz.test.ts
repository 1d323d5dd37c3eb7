import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { verifyAudit } from '../../db/audit/verify'
import { signedOut } from '../../db/core/access'
import { verifyAuditChain } from '../../db/core/audit'
import { contract, type ContractKey } from '../../electron/contract'
import { dispatch } from '../../electron/handlers/dispatch'
import { casesFor, synthesize, transitionCases } from '../support/fuzz-cases'
import { baseInputs, UNMASKED_ID, UNMASKED_PHONE, worldPerFile, type World } from '../support/world'
import { localOf } from '../support/temp-ledger'

// Bad input over every contract call, through dispatch against a real ledger with something in
// every state. The cases and what each expects come from test/support/fuzz-cases.ts:
//   refuse — must come back as { code, message } with a Chinese message, and the row counts of
//            every table and the audit log must show nothing changed;
//   either — odd but valid (SQL or HTML in free text, an id filter that matches nothing): may
//            succeed, or be refused cleanly as above. A success must not break the file and must
//            not show a full phone or ID number.
// The figures are printed and quoted in the README (Reliability).

let w: World
const keys = Object.keys(contract).filter((k): k is ContractKey => Object.hasOwn(contract, k))

// ---- running ----

/** Row counts of every table and the last audit id; `except` leaves one table (and the audit id) out. */
function fingerprint(world: World, except?: string): string {
  const sqlite = localOf(world.state.ledger).sqlite
  const tables = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .pluck()
    .all()
    .map(String)
    .filter((n) => n !== except)
  const counts = sqlite
    .prepare(`select ${tables.map((n, i) => `(select count(*) from "${n}") as c${i}`).join(', ')}`)
    .raw()
    .get()
  const lastAudit = except === undefined ? sqlite.prepare('select max(id) from audit_log').pluck().get() : null
  return JSON.stringify([tables, counts, lastAudit])
}

function auditRows(world: World): number {
  return Number(localOf(world.state.ledger).sqlite.prepare('select count(*) from audit_log').pluck().get())
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

worldPerFile((built) => (w = built))

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
        const before = fingerprint(w)
        const beforeButAudit = fingerprint(w, 'audit_log')
        const auditBefore = auditRows(w)
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
            const logged = localOf(w.state.ledger).sqlite.prepare('select action from audit_log order by id desc limit 2').pluck().all()
            const twoRows = logged[0] === 'sign_in_failed' && logged[1] === 'pin_attempt' && auditRows(w) === auditBefore + 2
            if (!twoRows || fingerprint(w, 'audit_log') !== beforeButAudit) {
              failures.push(`${where}: a wrong PIN changed more than its two audit rows`)
            }
          } else if (fingerprint(w) !== before) failures.push(`${where}: refused (${code}) but the ledger changed`)
          continue
        }
        accepted++
        if (c.expect === 'refuse') {
          failures.push(`${where}: accepted input that must be refused`)
          continue
        }
        const json = JSON.stringify(result.data) ?? ''
        if (c.key !== 'visitor-reveal') for (const finding of piiFindings(json)) failures.push(`${where}: ${finding}`)
        if (fingerprint(w) !== before && CONTROL_IN_JSON.test(json)) failures.push(`${where}: control characters stored`)
      }

      expect(Object.prototype).not.toHaveProperty('polluted')
      const sqlite = localOf(w.state.ledger).sqlite
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(sqlite.pragma('foreign_key_check')).toEqual([])
      expect((await verifyAuditChain(w.state.ledger.db)).brokenAt).toBeNull()
      // Every record every accepted call wrote is vouched for by an audit row, as check sees it.
      expect(verifyAudit(sqlite, localOf(w.state.ledger).file)).toMatchObject({
        ok: true,
        records: { changed: 0, unaudited: 0, deleted: 0 },
      })
      expect(localOf(w.state.ledger).file).toBe(w.t.file)
      expect(fs.existsSync(w.t.file)).toBe(true)

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
        const before = fingerprint(w)
        const result = await dispatch(w.state, key, input)
        expect(result.ok ? 'ok' : result.error.code, `${key} as ${operator.name}`).toBe('forbidden')
        expect(fingerprint(w)).toBe(before)
      }
    }
    w.state.operator = w.supervisor
  })
})
