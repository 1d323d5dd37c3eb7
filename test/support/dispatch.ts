import { afterAll, beforeAll } from 'vitest'
import { dispatch } from '../../electron/handlers/dispatch'
import { signedOut } from '../../db/core/access'
import type { DeskActor } from '../../db/core/context'
import type { Ledger } from '../../db/core/open'
import { seedDefaults } from '../../db/reference/reference'
import type { Envelope } from '../../electron/contract'
import type { AppState } from '../../electron/handlers/types'
import { openTempLedger, type TestLedger } from './temp-ledger'

// Calls go through dispatch, the same path as IPC, with main's AppState built round a temp ledger.

/** Main's state for a test ledger; `extra` stands in for the dialogs a window would show. */
export function appState(t: TestLedger<Ledger>, operator: DeskActor, extra: Partial<AppState> = {}): AppState {
  return { ledger: t.ledger, operator, appVersion: 'test', now: t.clock.now, ...extra }
}

/** What a call answered, failing the test with the refusal when it was refused. */
export function data<T>(e: Envelope<T>): T {
  if (!e.ok) throw new Error(`${e.error.code}: ${e.error.message}`)
  return e.data
}

/** A field of an untyped payload, read without casting. */
export function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? Object.getOwnPropertyDescriptor(value, key)?.value : undefined
}

export interface DispatchLedger {
  t: TestLedger
  state: AppState
}

/**
 * One ledger for the whole file, with the default categories and sections and no staff, nobody
 * on duty, as a new office opens it: the tests build what they need through the calls themselves.
 */
export function freshLedgerPerFile(take: (s: DispatchLedger) => void): void {
  let current: TestLedger | undefined
  beforeAll(async () => {
    current = await openTempLedger('2026-11-10 09:00:00')
    await seedDefaults(current.ctx)
    take({ t: current, state: appState(current, signedOut) })
  })
  afterAll(async () => {
    await current?.close()
    current = undefined
  })
}

/** The calls that edit an issue: each names the version its screen read. */
const ISSUE_EDITS = new Set([
  'issue-assign',
  'issue-progress',
  'issue-supervise',
  'issue-extend',
  'issue-resolve',
  'issue-callback',
  'issue-close',
  'issue-transfer',
  'issue-reject',
  'issue-correct',
  'issue-section-sign',
  'issue-section-return',
  'issue-update-case-file',
  'issue-correct-category',
  'procedure-change',
  'petition-decide',
  'petition-deliver',
  'petition-extend',
  'petition-reply',
  'petition-review-request',
  'petition-review-answer',
  'petition-unflag',
  'referral-reply',
])

/**
 * An issue edit as its screen sends it: with the version the issue has now, read through issue-get
 * as the screen reads it before the clerk saves. Any other call's input is left as it is.
 */
export async function withVersion(state: AppState, channel: string, input: unknown): Promise<unknown> {
  const issueId = field(input, 'issueId')
  if (!ISSUE_EDITS.has(channel) || typeof input !== 'object' || input === null || field(input, 'version') !== undefined) return input
  const read = await dispatch(state, 'issue-get', { id: issueId })
  return { ...Object.fromEntries(Object.entries(input)), version: read.ok ? field(read.data, 'version') : undefined }
}

/** An issue edit sent as its screen sends it (withVersion). */
export async function atVersion(state: AppState, input: { issueId: unknown } & Record<string, unknown>): Promise<Record<string, unknown>> {
  const read = await dispatch(state, 'issue-get', { id: input.issueId })
  return { ...input, version: read.ok ? field(read.data, 'version') : undefined }
}
