import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTempLedger, type TestLedger } from '../support/temp-ledger'
import { arrangementSource } from '../../shared/codes/calendar'
import type { CodeList } from '../../shared/codes/define'
import { callbackMethod, issueStatus, progressKind, satisfaction } from '../../shared/codes/issues'
import { finding, measureKind, sectionRole, sectionStatus } from '../../shared/codes/case-file'
import { holidayKind } from '../../shared/codes/reference'
import { sessionKind, sessionStatus } from '../../shared/codes/sessions'
import { staffRole } from '../../shared/codes/staff'
import { correctionEntity, matterType, visitorKind } from '../../shared/codes/visits'
import { deliveryMethod, limitUnit, noticeKind, petitionDecision, procedure, reviewLevel, sourceKind } from '../../shared/codes/petitions'

const codesDir = path.resolve(import.meta.dirname, '../../shared/codes')

function isCodeList(v: unknown): v is CodeList<string> {
  return typeof v === 'object' && v !== null && 'codes' in v && 'labels' in v && Array.isArray(v.codes)
}

async function everyCodeList(): Promise<[string, CodeList<string>][]> {
  const found: [string, CodeList<string>][] = []
  for (const file of fs.readdirSync(codesDir).filter((f) => f.endsWith('.ts') && f !== 'define.ts')) {
    const mod: Record<string, unknown> = await import(path.join(codesDir, file))
    for (const [name, value] of Object.entries(mod)) if (isCodeList(value)) found.push([`${file}:${name}`, value])
  }
  return found
}

describe('shared code lists', () => {
  it('give every code a label that is Chinese text, and no code twice', async () => {
    const lists = await everyCodeList()
    expect(lists.length).toBeGreaterThan(10)
    for (const [name, list] of lists) {
      expect(new Set(list.codes).size, name).toBe(list.codes.length)
      expect(Object.keys(list.labels).sort(), name).toEqual([...list.codes].sort())
      for (const code of list.codes) expect(list.labels[code], `${name}.${code}`).toMatch(/\S/)
    }
  })

  it('show a code from outside the list as it is rather than as nothing', () => {
    expect(issueStatus.label('archived')).toBe('archived')
    expect(issueStatus.has('archived')).toBe(false)
    expect(issueStatus.label('closed')).toBe('已销号')
  })
})

describe('the ledger file agrees with the code lists', () => {
  let t: TestLedger
  beforeAll(async () => {
    t = await openTempLedger()
  })
  afterAll(async () => {
    await t.close()
  })

  // Migrations write their CHECKs out (they never import app code): this is where the two must meet.
  const checks: [string, string, CodeList<string>][] = [
    ['issues', 'status', issueStatus],
    ['sessions', 'kind', sessionKind],
    ['sessions', 'status', sessionStatus],
    ['staff', 'role', staffRole],
    ['visitors', 'kind', visitorKind],
    ['matters', 'type', matterType],
    ['callbacks', 'method', callbackMethod],
    ['callbacks', 'satisfaction', satisfaction],
    ['holiday_overrides', 'kind', holidayKind],
    ['progress_notes', 'kind', progressKind],
    ['calendar_years', 'source', arrangementSource],
    ['issue_sources', 'kind', sourceKind],
    ['issues', 'procedure', procedure],
    ['categories', 'time_limit_unit', limitUnit],
    ['petitions', 'decision', petitionDecision],
    ['petition_notices', 'kind', noticeKind],
    ['petition_notices', 'delivery_method', deliveryMethod],
    ['petition_reviews', 'level', reviewLevel],
    ['referrals', 'reply_method', deliveryMethod],
    ['corrections', 'entity', correctionEntity],
    ['issues', 'finding', finding],
    ['issue_measures', 'kind', measureKind],
    ['issue_sections', 'role', sectionRole],
    ['issue_sections', 'status', sectionStatus],
  ]

  it.each(checks)('accepts exactly the listed codes in %s.%s', (table, column, list) => {
    const sqlText = t.ledger.sqlite.prepare('select sql from sqlite_master where type = ? and name = ?').pluck().get('table', table)
    expect(typeof sqlText).toBe('string')
    const match = new RegExp(`\\b${column}\\s+in\\s*\\(([^)]*)\\)`).exec(String(sqlText))
    expect(match, `${table}.${column} has a CHECK … in (…)`).not.toBeNull()
    const allowed = (match?.[1] ?? '').split(',').map((s) => s.trim().replace(/^'|'$/g, ''))
    expect(allowed.sort()).toEqual([...list.codes].sort())
  })
})
