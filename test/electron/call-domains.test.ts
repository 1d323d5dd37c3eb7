import { describe, expect, it } from 'vitest'
import { CALL_DOMAINS, contract } from '../../electron/contract'
import { appCalls } from '../../electron/contract/calls/app'
import { auditCalls } from '../../electron/contract/calls/audit'
import { backupCalls } from '../../electron/contract/calls/backup'
import { directoryCalls } from '../../electron/contract/calls/directory'
import { exportCalls } from '../../electron/contract/calls/export'
import { figuresCalls } from '../../electron/contract/calls/figures'
import { importCalls } from '../../electron/contract/calls/import'
import { issuesCalls } from '../../electron/contract/calls/issues'
import { printCalls } from '../../electron/contract/calls/print'
import { referenceCalls } from '../../electron/contract/calls/reference'
import { searchCalls } from '../../electron/contract/calls/search'
import { sessionsCalls } from '../../electron/contract/calls/sessions'
import { staffCalls } from '../../electron/contract/calls/staff'
import { visitsCalls } from '../../electron/contract/calls/visits'
import { petitionsCalls } from '../../electron/contract/calls/petitions'
import { handlersByDomain } from '../../electron/handlers'

const callsByDomain: Record<string, object> = {
  app: appCalls,
  audit: auditCalls,
  backup: backupCalls,
  directory: directoryCalls,
  export: exportCalls,
  figures: figuresCalls,
  import: importCalls,
  issues: issuesCalls,
  print: printCalls,
  reference: referenceCalls,
  search: searchCalls,
  sessions: sessionsCalls,
  staff: staffCalls,
  visits: visitsCalls,
  petitions: petitionsCalls,
}

const domainOf = (key: string): string | undefined => Object.entries(CALL_DOMAINS).find(([prefix]) => key.startsWith(`${prefix}-`))?.[1]

describe('calls by domain', () => {
  it('puts every call in the contract file its prefix names, and in no other', () => {
    for (const key of Object.keys(contract)) {
      const owners = Object.entries(callsByDomain)
        .filter(([, calls]) => Object.hasOwn(calls, key))
        .map(([d]) => d)
      expect(owners, key).toEqual([domainOf(key)])
    }
  })

  it('puts every handler in the handler file its prefix names, and in no other', () => {
    for (const key of Object.keys(contract)) {
      const owners = Object.entries(handlersByDomain)
        .filter(([, table]) => Object.hasOwn(table, key))
        .map(([d]) => d)
      expect(owners, key).toEqual([domainOf(key)])
    }
  })

  it('has a handler file for each contract file and the other way round', () => {
    expect(Object.keys(handlersByDomain).sort()).toEqual(Object.keys(callsByDomain).sort())
  })
})
