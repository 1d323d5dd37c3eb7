import type { ContractInput } from '../../../electron/contract'
import { api } from '../../api'
import { prefetchable } from '../../lib/prefetch'
import { calendarNotice } from '../../components/CalendarNotice'
import { setupStatus } from '../../components/SetupChecklist'

// 今日接待's calls, started with the window (layout/first-calls.ts) rather than after the shell and
// then the open day have been drawn: the day, the days left open, the day's first page of visits
// and its bookings as soon as the day is known, the calendar notice and the first-run checklist.

export const VISITS_PAGE_SIZE = 20

export const currentDay = prefetchable((_: null) => api.sessionCurrent({}))
export const daysLeftOpen = prefetchable((_: null) => api.sessionLeftOpen({}))
export const dayVisits = prefetchable((input: ContractInput<'visit-list'>) => api.visitList(input))
export const dayBookings = prefetchable((sessionId: number) => api.appointmentList({ sessionId }).then((d) => d.appointments))

export function startDesk(): void {
  void daysLeftOpen.start(null)
  void calendarNotice.start(null)
  void setupStatus.start(null)
  void currentDay.start(null).then(
    (day) => {
      if (day === null) return
      void dayVisits.start({ sessionId: day.id, page: 1, pageSize: VISITS_PAGE_SIZE })
      void dayBookings.start(day.id)
    },
    () => undefined,
  )
}
