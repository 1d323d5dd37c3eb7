import type { WorkCalendar } from '../calendar/working-days'
import type { LimitUnit } from '../../shared/codes/petitions'
import type { ImportCounts } from '../../shared/types'
import type { Prepared, Warnings } from './prepare'

export interface Lists {
  categories: { id: number; name: string; time_limit_days: number; time_limit_unit: LimitUnit }[]
  departments: { id: number; name: string }[]
  staff: { id: number; name: string }[]
  calendar: WorkCalendar
  /** 现场接待, the source every imported issue was received from. */
  deskSourceId: number | null
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
