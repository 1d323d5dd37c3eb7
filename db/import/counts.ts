import type { ImportCounts } from '../../shared/types'

/**
 * An import's tallies before its first row: what a run starts counting from (apply.ts) and what
 * an older or unreadable batch summary is filled out with (undo.ts). A fresh object each call, as
 * a run adds to it in place.
 */
export function emptyImportCounts(): ImportCounts {
  return {
    rows: 0,
    imported: 0,
    sessionsCreated: 0,
    sessionsReused: 0,
    visitorsCreated: 0,
    visitorsMatched: 0,
    organizationsCreated: 0,
    organizationsMatched: 0,
    departmentsCreated: 0,
    visits: 0,
    personTimes: 0,
    consultations: 0,
    issues: 0,
    issuesByStatus: { accepted: 0, assigned: 0, in_progress: 0, resolved: 0, closed: 0, reopened: 0, transferred: 0, rejected: 0 },
    callbacks: 0,
    months: [],
  }
}
