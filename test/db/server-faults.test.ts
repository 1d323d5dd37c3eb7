import { describe, expect, it } from 'vitest'
import { LedgerError } from '../../db/core/errors'
import { serverFault } from '../../db/core/server-faults'

// What the desk is told of a server's error codes (db/core/server-faults.ts), without a server:
// the codes are PostgreSQL's, as pg hands them over.

const fault = (code: string) => Object.assign(new Error('from the server'), { code })

describe("a server's refusal as the desk hears it", () => {
  it('tells a desk whose save the server rolled back to break a deadlock that the server is busy, to try again', () => {
    const e = serverFault(fault('40P01'), '10.0.0.5:5432/ledger')
    expect(e).toBeInstanceOf(LedgerError)
    expect(e).toMatchObject({ code: 'server_busy' })
    expect(e instanceof LedgerError ? e.message : '').toContain('台账服务器（10.0.0.5:5432）正忙')
  })

  it('passes a unique index refusal on as it is, for the ledger code that expects it', () => {
    const clash = Object.assign(fault('23505'), { constraint: 'visits_submission_token' })
    expect(serverFault(clash, '10.0.0.5:5432/ledger')).toBe(clash)
  })
})
