// Reception days (接待日).

export type { SessionKind, SessionStatus } from '../codes/sessions'
import type { SessionKind, SessionStatus } from '../codes/sessions'

export interface Session {
  id: number
  date: string
  kind: SessionKind
  title: string
  location: string
  hostLeaderId: number | null
  hostLeaderName: string | null
  staffIds: number[]
  staffNames: string[]
  status: SessionStatus
  note: string | null
  openedAt: string | null
  closedAt: string | null
  visitCount: number
  personTimes: number
  issueCount: number
  consultationCount: number
}
