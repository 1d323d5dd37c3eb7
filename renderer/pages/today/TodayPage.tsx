import { Col, Row } from 'antd'
import { api } from '../../api'
import { useQuery } from '../../lib/useQuery'
import { RegistrationForm } from './RegistrationForm'
import { SessionBar } from './SessionBar'
import { TodayVisits } from './TodayVisits'

/** 今日接待: the open reception day, the registration form, and who has come so far. */
export function TodayPage() {
  const session = useQuery(() => api.sessionCurrent({}), [])
  const current = session.data ?? null
  const visits = useQuery(() => (current ? api.visitList({ sessionId: current.id }) : Promise.resolve([])), [current?.id])
  const refresh = () => {
    session.reload()
    visits.reload()
  }
  return (
    <>
      <SessionBar session={current} loading={session.loading} error={session.error} onChanged={refresh} />
      {current && current.status === 'open' && (
        <Row gutter={16} style={{ marginTop: 12 }}>
          <Col flex="600px">
            <RegistrationForm session={current} onSaved={refresh} />
          </Col>
          <Col flex="1 1 360px" style={{ minWidth: 0 }}>
            <TodayVisits visits={visits.data ?? []} loading={visits.loading} />
          </Col>
        </Row>
      )}
    </>
  )
}
