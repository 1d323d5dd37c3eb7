import type { WorkCalendar } from '../calendar/working-days'
import type { ImportCounts } from '../../shared/types'
import type { Prepared, Warnings } from './prepare'

export interface Lists {
  categories: { id: number; name: string; time_limit_days: number }[]
  departments: { id: number; name: string }[]
  staff: { id: number; name: string }[]
  calendar: WorkCalendar
}

export interface RunState {
  batchId: number
  lists: Lists
  sessions: Map<string, { id: number; created: boolean }>
  departmentsByName: Map<string, number>
  visitorsMatched: Set<number>
  organizationsMatched: Set<number>
  preMaxVisitor: number
  preMaxOrganization: number
  counts: ImportCounts
  warnings: Warnings
  prepared: Prepared
}
