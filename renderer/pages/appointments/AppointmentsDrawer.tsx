import { Alert, App, Button, Divider, Drawer, Empty, Input, InputNumber, List, Popconfirm, Space, Tag, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { api } from '../../api'
import { APPOINTMENT_STATUS, APPOINTMENT_STATUS_COLOR } from '../../lib/appointments'
import { errorMessage, needsRefresh } from '../../lib/errors'
import { navigate } from '../../lib/route'
import { useQuery } from '../../lib/useQuery'
import { BookingForm } from './BookingForm'

/** 预约服务 for one reception day: the caps, new bookings, the list, and its print-out. */
export function AppointmentsDrawer({ sessionId, onClose }: { sessionId: number | null; onClose: () => void }) {
  const { message } = App.useApp()
  const day = useQuery(() => (sessionId ? api.appointmentList({ sessionId }) : Promise.resolve(null)), [sessionId])
  const [maxBookings, setMaxBookings] = useState<number | null>(null)
  const [maxPeople, setMaxPeople] = useState<number | null>(null)
  const [cancelReason, setCancelReason] = useState('')
  const [limitError, setLimitError] = useState<string | null>(null)
  useEffect(() => {
    setMaxBookings(day.data?.maxBookings ?? null)
    setMaxPeople(day.data?.maxPeoplePerBooking ?? null)
  }, [day.data])

  const d = day.data
  const closed = d?.session.status === 'closed'
  const saveLimits = async () => {
    if (!sessionId) return
    setLimitError(null)
    try {
      await api.appointmentLimitsSet({ sessionId, maxBookings, maxPeoplePerBooking: maxPeople })
      message.success('已保存预约上限')
      day.reload()
    } catch (e) {
      setLimitError(errorMessage(e))
    }
  }
  const cancel = async (appointment: { id: number; version: number }) => {
    try {
      await api.appointmentCancel({ appointmentId: appointment.id, reason: cancelReason, version: appointment.version })
      setCancelReason('')
      day.reload()
    } catch (e) {
      message.error(errorMessage(e))
      // Someone changed the booking first: show it as it now stands; the reason typed stays.
      if (needsRefresh(e)) day.reload()
    }
  }
  const active = d?.appointments.filter((a) => a.status !== 'cancelled') ?? []
  return (
    <Drawer open={sessionId !== null} onClose={onClose} size={640} title={d ? `预约服务 · ${d.session.title}` : '预约服务'} destroyOnHidden>
      {day.error && <Alert type="error" showIcon title={day.error} />}
      {d && (
        <>
          <Space wrap style={{ marginBottom: 8 }}>
            <span>预约上限</span>
            <InputNumber
              aria-label="预约上限"
              min={1}
              max={999}
              value={maxBookings}
              onChange={(v) => setMaxBookings(v ?? null)}
              placeholder="不限"
              disabled={closed}
            />
            <span>批，每批最多</span>
            <InputNumber
              aria-label="每批人数上限"
              min={1}
              max={999}
              value={maxPeople}
              onChange={(v) => setMaxPeople(v ?? null)}
              placeholder="不限"
              disabled={closed}
            />
            <span>人</span>
            <Button onClick={() => void saveLimits()} disabled={closed}>
              保存上限
            </Button>
            <Button onClick={() => navigate('print', { kind: 'appointments', session: d.session.id })}>打印预约名单</Button>
          </Space>
          {limitError && <Alert type="error" showIcon title={limitError} style={{ marginBottom: 8 }} />}
          <Typography.Paragraph type="secondary">
            已预约 {active.length} 批 {active.reduce((n, a) => n + a.headcount, 0)} 人
            {d.maxBookings !== null ? `，上限 ${d.maxBookings} 批` : ''}。
          </Typography.Paragraph>
          {!closed && (
            <>
              <Divider titlePlacement="start">登记预约</Divider>
              <BookingForm sessionId={d.session.id} onBooked={() => day.reload()} />
            </>
          )}
          <Divider titlePlacement="start">预约名单</Divider>
          <List
            size="small"
            dataSource={d.appointments}
            locale={{ emptyText: <Empty description="暂无预约" /> }}
            renderItem={(a) => (
              <List.Item
                actions={
                  a.status === 'booked' && !closed
                    ? [
                        <Popconfirm
                          key="cancel"
                          title="取消此预约？"
                          description={
                            <Input
                              aria-label="取消原因"
                              placeholder="取消原因（必填）"
                              value={cancelReason}
                              onChange={(e) => setCancelReason(e.target.value)}
                            />
                          }
                          okText="取消预约"
                          cancelText="返回"
                          onConfirm={() => void cancel(a)}
                        >
                          <Button size="small">取消预约</Button>
                        </Popconfirm>,
                      ]
                    : []
                }
              >
                <Space orientation="vertical" size={0}>
                  <Space wrap>
                    <Tag color={APPOINTMENT_STATUS_COLOR[a.status]}>{APPOINTMENT_STATUS[a.status]}</Tag>
                    <Typography.Text strong>{a.visitorName}</Typography.Text>
                    {a.organizationName && <span>{a.organizationName}</span>}
                    {a.phone && <Typography.Text type="secondary">{a.phone}</Typography.Text>}
                    <span>{a.headcount} 人</span>
                  </Space>
                  {a.questions.map((q, i) => (
                    <Typography.Text key={i} type="secondary">
                      {i + 1}. {q.categoryName ? `[${q.categoryName}] ` : ''}
                      {q.content}
                    </Typography.Text>
                  ))}
                  {a.cancelReason && <Typography.Text type="secondary">取消原因：{a.cancelReason}</Typography.Text>}
                </Space>
              </List.Item>
            )}
          />
        </>
      )}
    </Drawer>
  )
}
