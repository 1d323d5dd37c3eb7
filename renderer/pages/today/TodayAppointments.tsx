import { Button, Card, List, Space, Tag, Typography } from 'antd'
import type { Appointment } from '../../../electron/contract/types'
import { APPOINTMENT_STATUS, APPOINTMENT_STATUS_COLOR } from '../../lib/appointments'
import { navigate } from '../../lib/route'

interface Props {
  sessionId: number
  appointments: Appointment[]
  onArrive: (a: Appointment) => void
}

/** Who booked today, who has come, who has not; a booked visitor's arrival starts their registration. */
export function TodayAppointments({ sessionId, appointments, onArrive }: Props) {
  if (appointments.length === 0) return null
  const arrived = appointments.filter((a) => a.status === 'arrived').length
  const active = appointments.filter((a) => a.status !== 'cancelled').length
  return (
    <Card
      size="small"
      title={`今日预约（已到 ${arrived} / ${active}）`}
      style={{ marginBottom: 12 }}
      styles={{ body: { maxHeight: 220, overflow: 'auto' } }}
      extra={
        <Button size="small" onClick={() => navigate('print', { kind: 'appointments', session: sessionId })}>
          打印预约名单
        </Button>
      }
    >
      <List
        size="small"
        dataSource={appointments}
        renderItem={(a) => (
          <List.Item
            actions={
              a.status === 'booked'
                ? [
                    <Button key="arrive" size="small" type="primary" onClick={() => onArrive(a)}>
                      到访登记
                    </Button>,
                  ]
                : []
            }
          >
            <Space orientation="vertical" size={0}>
              <Space wrap>
                <Tag color={APPOINTMENT_STATUS_COLOR[a.status]}>{APPOINTMENT_STATUS[a.status]}</Tag>
                <Typography.Text strong>{a.visitorName}</Typography.Text>
                {a.organizationName && <Typography.Text>{a.organizationName}</Typography.Text>}
                <Typography.Text type="secondary">{a.headcount} 人</Typography.Text>
              </Space>
              {a.questions.length > 0 && (
                <Typography.Text
                  type="secondary"
                  ellipsis={{ tooltip: a.questions.map((q) => q.content).join('；') }}
                  style={{ maxWidth: 380 }}
                >
                  问题：{a.questions.map((q) => q.content).join('；')}
                </Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  )
}
