import { Alert, App, Button, Space } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import type { Session } from '../../../electron/contract/types'
import { dayLabel } from '../../../shared/dates'
import { api } from '../../api'
import { errorMessage } from '../../lib/errors'
import { navigate } from '../../lib/route'

interface Props {
  /** Reception days still open from earlier dates, oldest first. */
  days: Session[]
  /** Today's open day, when there is one already. */
  today: Session | null
  onChanged: () => void
}

/**
 * A reception day left open from an earlier date is never where today's walk-ins go (a visit is
 * dated the day it arrived): the desk says which day it is and offers to close it and start
 * today's, or to register the visitor outside a reception day.
 */
export function LeftOpenDays({ days, today, onChanged }: Props) {
  const { message } = App.useApp()
  const [busy, setBusy] = useState(false)
  const newest = days.at(-1)
  if (!newest) return null
  const first = days[0] ?? newest
  const more = days.length > 1 ? `等 ${days.length} 个接待日` : ''

  const closeAll = async (): Promise<void> => {
    for (const d of days) await api.sessionClose({ id: d.id })
  }

  const run = async (work: () => Promise<string>) => {
    setBusy(true)
    try {
      message.success(await work())
      onChanged()
    } catch (e) {
      message.error(errorMessage(e))
      onChanged()
    } finally {
      setBusy(false)
    }
  }

  // Today's day as the one left open was: same kind, place, leader and staff; a day planned for today wins.
  const closeAndStart = () =>
    run(async () => {
      await closeAll()
      const date = dayjs().format('YYYY-MM-DD')
      const planned = (await api.sessionList({ status: 'planned' })).find((s) => s.date === date)
      const started = planned
        ? await api.sessionOpen({ id: planned.id })
        : await api.sessionOpen({
            id: (
              await api.sessionPlan({
                date,
                kind: newest.kind,
                location: newest.location,
                hostLeaderId: newest.hostLeaderId,
                staffIds: newest.staffIds,
              })
            ).id,
          })
      return `已结束${dayLabel(first.date)}${more}的接待，已开始“${started.title}”`
    })

  const closeOnly = () =>
    run(async () => {
      await closeAll()
      return `已结束${dayLabel(first.date)}${more}的接待`
    })

  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      title={`进行中的接待日是${dayLabel(first.date)}（${first.title}）${more ? `，${more}未结束` : ''}`}
      description={
        <>
          今天是{dayjs().format('M月D日')}。来访登记记在到达当天，今天的来访不能登记到{dayLabel(first.date)}
          {days.length > 1 ? '等之前' : ''}的接待日。
          {today ? '请结束之前的接待日；今天的登记照常进行。' : '请结束并开始今日接待，或把来访登记为非接待日来访。'}
        </>
      }
      action={
        <Space orientation="vertical" align="end">
          {today ? (
            <Button type="primary" loading={busy} onClick={() => void closeOnly()}>
              结束之前的接待日
            </Button>
          ) : (
            <>
              <Button type="primary" loading={busy} onClick={() => void closeAndStart()}>
                结束并开始今日接待
              </Button>
              <Button disabled={busy} onClick={() => navigate('contacts', { channel: 'walk_in' })}>
                登记为非接待日来访
              </Button>
              <Button type="link" size="small" disabled={busy} onClick={() => void closeOnly()}>
                仅结束，今天不接待
              </Button>
            </>
          )}
        </Space>
      }
    />
  )
}
