// Reception days (接待日).

export type SessionKind = 'enterprise' | 'public' | 'leader' | 'field'
export type SessionStatus = 'planned' | 'open' | 'closed'

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
