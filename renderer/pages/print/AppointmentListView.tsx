import type { SessionAppointments } from '../../../electron/contract/types'
import { APPOINTMENT_STATUS } from '../../lib/appointments'

/** The day's bookings for the host leader: who is coming and what they want answered. */
export function AppointmentListView({ day }: { day: SessionAppointments }) {
  const rows = day.appointments.filter((a) => a.status !== 'cancelled')
  const s = day.session
  return (
    <section className="paper">
      <p className="bureau">{day.bureauName}</p>
      <h1>预约来访名单</h1>
      <div className="meta">
        <span>{s.title}</span>
        <span>
          地点：{s.location}
          {s.hostLeaderName ? `　接待领导：${s.hostLeaderName}` : ''}
        </span>
      </div>
      <table className="data">
        <thead>
          <tr>
            <th style={{ width: '6%' }}>序号</th>
            <th style={{ width: '16%' }}>预约人</th>
            <th style={{ width: '22%' }}>企业（单位）</th>
            <th style={{ width: '7%' }}>人数</th>
            <th>会前提交的问题</th>
            <th style={{ width: '9%' }}>状态</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={6}>暂无预约</td>
            </tr>
          ) : (
            rows.map((a, i) => (
              <tr key={a.id}>
                <td className="num">{i + 1}</td>
                <td>
                  {a.visitorName}
                  {a.phone ? `\n${a.phone}` : ''}
                </td>
                <td>{a.organizationName ?? '—'}</td>
                <td className="num">{a.headcount}</td>
                <td>
                  {a.questions.length > 0
                    ? a.questions.map((q, n) => `${n + 1}. ${q.categoryName ? `[${q.categoryName}] ` : ''}${q.content}`).join('\n')
                    : '—'}
                </td>
                <td>{APPOINTMENT_STATUS[a.status]}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <p className="note">
        共预约 {rows.length} 批 {rows.reduce((n, a) => n + a.headcount, 0)} 人
        {day.maxBookings !== null ? `（上限 ${day.maxBookings} 批）` : ''}。
      </p>
    </section>
  )
}
