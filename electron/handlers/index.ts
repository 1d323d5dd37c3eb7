import { appHandlers } from './app'
import { auditHandlers } from './audit'
import { backupHandlers } from './backup'
import { directoryHandlers } from './directory'
import { exportHandlers } from './export'
import { figuresHandlers } from './figures'
import { importHandlers } from './import'
import { issuesHandlers } from './issues'
import { printHandlers } from './print'
import { referenceHandlers } from './reference'
import { searchHandlers } from './search'
import { sessionsHandlers } from './sessions'
import { staffHandlers } from './staff'
import { visitsHandlers } from './visits'
import { petitionsHandlers } from './petitions'
import type { Handlers } from './types'

/** Each domain's handlers, named as the contract's calls/<domain>.ts (CALL_DOMAINS says which). */
export const handlersByDomain = {
  app: appHandlers,
  reference: referenceHandlers,
  staff: staffHandlers,
  sessions: sessionsHandlers,
  visits: visitsHandlers,
  directory: directoryHandlers,
  issues: issuesHandlers,
  figures: figuresHandlers,
  print: printHandlers,
  export: exportHandlers,
  search: searchHandlers,
  audit: auditHandlers,
  backup: backupHandlers,
  import: importHandlers,
  petitions: petitionsHandlers,
}

// One handler per contract entry, same key. Annotated (not `satisfies`) so callers index it
// with the wide Handlers type; the type checker fails when a call has no handler.
export const handlers: Handlers = {
  ...appHandlers,
  ...referenceHandlers,
  ...staffHandlers,
  ...sessionsHandlers,
  ...visitsHandlers,
  ...directoryHandlers,
  ...issuesHandlers,
  ...figuresHandlers,
  ...printHandlers,
  ...exportHandlers,
  ...searchHandlers,
  ...auditHandlers,
  ...backupHandlers,
  ...importHandlers,
  ...petitionsHandlers,
}
