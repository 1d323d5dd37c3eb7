import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Popconfirm, Select, Space, Tag, Typography, type InputRef } from 'antd'
import dayjs from 'dayjs'
import { useEffect, useRef, useState } from 'react'
import type { Session, SessionKind } from '../../../electron/contract/types'
import { api } from '../../api'
import { errorMessage } from '../../lib/errors'
import { focusUnlessHeldOpen } from '../../lib/focus'
import { optionsOf, SESSION_KIND, SESSION_STATUS } from '../../lib/labels'
import { useReference } from '../../lib/reference'
import { useQuery } from '../../lib/useQuery'
import { useSaving } from '../../lib/useSaving'

interface Props {
  session: Session | null
  loading: boolean
  error: string | null
  onChanged: () => void
}

/** Today's reception day at the top of the desk, or what it takes to start one. */
export function SessionBar({ session, loading, error, onChanged }: Props) {
  const { message } = App.useApp()
  const [closing, setClosing] = useState(false)
  if (error) return <Alert type="error" showIcon title={error} />
  if (loading && !session) return null
  if (!session) return <StartToday onStarted={onChanged} />
  const close = async () => {
    setClosing(true)
    try {
      const closed = await api.sessionClose({ id: session.id })
      message.success(`已结束“${closed.title}”：接待 ${closed.visitCount} 批 ${closed.personTimes} 人次，受理问题 ${closed.issueCount} 个`)
      onChanged()
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setClosing(false)
    }
  }
  return (
    <Card size="small">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space size="middle" wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {session.title}
          </Typography.Title>
          <Tag color="green">{SESSION_STATUS[session.status]}</Tag>
          <Typography.Text type="secondary">地点：{session.location}</Typography.Text>
          {session.hostLeaderName && <Typography.Text type="secondary">接待领导：{session.hostLeaderName}</Typography.Text>}
          {session.staffNames.length > 0 && <Typography.Text type="secondary">值班：{session.staffNames.join('、')}</Typography.Text>}
        </Space>
        <Space>
          <Typography.Text>
            已接待 <b>{session.visitCount}</b> 批 <b>{session.personTimes}</b> 人次，受理 <b>{session.issueCount}</b> 个问题
          </Typography.Text>
          <Popconfirm
            title="结束今天的接待日？"
            description="结束后不能再登记来访。"
            okText="结束"
            cancelText="取消"
            onConfirm={() => void close()}
          >
            <Button loading={closing}>结束接待日</Button>
          </Popconfirm>
        </Space>
      </Flex>
    </Card>
  )
}

interface StartValues {
  kind: SessionKind
  location: string
  hostLeaderId?: number
}

function StartToday({ onStarted }: { onStarted: () => void }) {
  const { staff } = useReference()
  const today = dayjs().format('YYYY-MM-DD')
  const planned = useQuery(() => api.sessionList({ status: 'planned' }), [])
  // Only today's: a day planned for an earlier date cannot be opened now (its visits would be misdated).
  const todays = (planned.data ?? []).filter((s) => s.date === today)
  const [form] = Form.useForm<StartValues>()
  // Into 地点 as the form appears, but not out of 值班人员 if the clerk already has it open (lib/focus.ts).
  const locationRef = useRef<InputRef>(null)
  useEffect(() => focusUnlessHeldOpen(locationRef.current, null), [])
  // No field is singled out: every refusal here goes to the alert under the form.
  const { error, saving: busy, submit } = useSaving(form)

  const run = (work: () => Promise<Session>) =>
    submit(async () => {
      await work()
      onStarted()
    })
  const startNew = (v: StartValues) =>
    run(async () => {
      const s = await api.sessionPlan({ date: today, kind: v.kind, location: v.location, hostLeaderId: v.hostLeaderId ?? null })
      return api.sessionOpen({ id: s.id })
    })

  return (
    <Card title={`今天（${dayjs().format('YYYY年M月D日 dddd')}）还没有进行中的接待日`}>
      {todays.length > 0 && (
        <Descriptions
          column={1}
          size="small"
          style={{ marginBottom: 16 }}
          items={todays.map((s) => ({
            key: s.id,
            label: s.date,
            children: (
              <Space>
                {s.title}（{s.location}）
                <Button type="primary" loading={busy} onClick={() => void run(() => api.sessionOpen({ id: s.id }))}>
                  开始接待
                </Button>
              </Space>
            ),
          }))}
        />
      )}
      <Form form={form} layout="inline" initialValues={{ kind: 'public', location: '' }} onFinish={(v) => void startNew(v)}>
        <Form.Item name="kind" label="接待类型" rules={[{ required: true, message: '请选择接待类型' }]}>
          <Select style={{ width: 160 }} options={optionsOf(SESSION_KIND, ['enterprise', 'public', 'leader', 'field'])} />
        </Form.Item>
        <Form.Item name="location" label="地点" rules={[{ required: true, whitespace: true, message: '请填写接待地点' }]}>
          <Input style={{ width: 200 }} placeholder="如：局一楼接待室" ref={locationRef} />
        </Form.Item>
        <Form.Item name="hostLeaderId" label="接待领导">
          <Select
            style={{ width: 140 }}
            allowClear
            placeholder="可不选"
            options={staff.filter((s) => s.isLeader && s.active).map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            开始今日接待
          </Button>
        </Form.Item>
      </Form>
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon title={error} />}
    </Card>
  )
}
