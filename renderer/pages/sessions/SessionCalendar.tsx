import { Calendar, Tag, Tooltip } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import type { Session } from '../../../electron/contract/types'
import { SESSION_KIND, SESSION_KIND_SHORT, SESSION_STATUS } from '../../lib/labels'
import { KIND_COLOR } from './kinds'

interface Props {
  month: Dayjs
  sessions: Session[]
  onPick: (s: Session) => void
  /** A day clicked without a session on it: plan one there. */
  onPlan: (date: string) => void
  onMonth: (m: Dayjs) => void
}

/** The month as a calendar: each day's reception days as coloured tags by kind. */
export function SessionCalendar({ month, sessions, onPick, onPlan, onMonth }: Props) {
  const byDate = new Map<string, Session[]>()
  for (const s of sessions) byDate.set(s.date, [...(byDate.get(s.date) ?? []), s])
  return (
    <Calendar
      value={month}
      headerRender={() => null}
      onPanelChange={(d) => onMonth(d.startOf('month'))}
      onSelect={(d, info) => {
        if (info.source !== 'date') return
        if (!d.isSame(month, 'month')) {
          onMonth(d.startOf('month'))
          return
        }
        const day = byDate.get(d.format('YYYY-MM-DD'))
        if (day?.length === 1 && day[0]) onPick(day[0])
        else if (!day) onPlan(d.format('YYYY-MM-DD'))
      }}
      // The whole cell is ours: antd's own would mark the 1st as "selected", which means nothing here.
      fullCellRender={(d, info) => {
        if (info.type !== 'date') return info.originNode
        const inMonth = d.isSame(month, 'month')
        const isToday = d.isSame(dayjs(), 'day')
        const weekend = d.day() === 0 || d.day() === 6
        const day = inMonth ? (byDate.get(d.format('YYYY-MM-DD')) ?? []) : []
        return (
          <div
            style={{
              margin: '0 3px',
              padding: '2px 6px',
              height: 82,
              overflow: 'hidden',
              textAlign: 'left',
              borderTop: `2px solid ${isToday ? '#1677ff' : '#f0f0f0'}`,
              background: weekend && inMonth ? '#fafafa' : undefined,
            }}
          >
            <div
              style={{
                textAlign: 'right',
                color: inMonth ? (isToday ? '#1677ff' : undefined) : '#bfbfbf',
                fontWeight: isToday ? 600 : undefined,
              }}
            >
              {d.date()}
            </div>
            <div style={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
              {day.map((s) => (
                <Tooltip key={s.id} title={`${s.title} · ${s.location} · ${SESSION_STATUS[s.status]}`}>
                  <Tag
                    color={KIND_COLOR[s.kind]}
                    variant={s.status === 'planned' ? 'outlined' : 'filled'}
                    style={{ marginInlineEnd: 0, cursor: 'pointer', overflow: 'hidden', textOverflow: 'ellipsis' }}
                    aria-label={`${SESSION_KIND[s.kind]} ${s.date}`}
                    onClick={(e) => {
                      e.stopPropagation()
                      onPick(s)
                    }}
                  >
                    {SESSION_KIND_SHORT[s.kind]} · {SESSION_STATUS[s.status]}
                  </Tag>
                </Tooltip>
              ))}
            </div>
          </div>
        )
      }}
    />
  )
}
