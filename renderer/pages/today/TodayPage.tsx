import { Col, Row } from 'antd'
import { useState } from 'react'
import type { Appointment } from '../../../electron/contract/types'
import { CalendarNotice } from '../../components/CalendarNotice'
import { usePaged } from '../../lib/usePaged'
import { useQuery } from '../../lib/useQuery'
import { RegistrationForm } from './RegistrationForm'
import { SetupChecklist } from '../../components/SetupChecklist'
import { LeftOpenDays } from './LeftOpenDays'
import { SessionBar } from './SessionBar'
import { TodayAppointments } from './TodayAppointments'
import { TodayVisits } from './TodayVisits'
import { currentDay, dayBookings, dayVisits, daysLeftOpen, VISITS_PAGE_SIZE } from './first-calls'

/** 今日接待: the open reception day, the registration form, the day's bookings and who has come. */
export function TodayPage() {
  const session = useQuery(() => currentDay.load(null), [])
  const leftOpen = useQuery(() => daysLeftOpen.load(null), [])
  const current = session.data ?? null
  const visits = usePaged(
    (paging) => (current ? dayVisits.load({ sessionId: current.id, ...paging }) : Promise.resolve(null)),
    [current?.id],
    VISITS_PAGE_SIZE,
  )
  const bookings = useQuery(() => (current ? dayBookings.load(current.id) : Promise.resolve([])), [current?.id])
  const [arrival, setArrival] = useState<Appointment | null>(null)
  const refresh = () => {
    session.reload()
    leftOpen.reload()
    // The newest visit is the one just registered: show the first page, where it is.
    visits.setPage(1)
    visits.query.reload()
    bookings.reload()
  }
  return (
    <>
      <SetupChecklist />
      <CalendarNotice closable />
      <LeftOpenDays days={leftOpen.data ?? []} today={current} onChanged={refresh} />
      {/* While a day is left open and none is open today, the warning above says what to do. */}
      {(current || (leftOpen.data ?? []).length === 0) && (
        <SessionBar session={current} loading={session.loading || leftOpen.loading} error={session.error} onChanged={refresh} />
      )}
      {current && current.status === 'open' && (
        <Row gutter={16} style={{ marginTop: 12 }}>
          {/* Side by side on a 1366-wide screen; at 125 % and more the day's visits go under the form, which keeps its width. */}
          <Col flex="1 1 560px" style={{ maxWidth: 680 }}>
            <RegistrationForm
              session={current}
              arrival={arrival}
              onArrivalDone={() => setArrival(null)}
              onSaved={refresh}
              onDayChanged={refresh}
            />
          </Col>
          <Col flex="1 1 320px" style={{ minWidth: 0 }}>
            <TodayAppointments sessionId={current.id} appointments={bookings.data ?? []} onArrive={setArrival} />
            <TodayVisits visits={visits} personTimes={current.personTimes} onChanged={refresh} />
          </Col>
        </Row>
      )}
    </>
  )
}
