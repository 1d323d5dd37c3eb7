import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons'
import { Alert, App, Button, DatePicker, Flex, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import type { Session } from '../../../electron/contract/types'
import { api } from '../../api'
import { errorMessage } from '../../lib/errors'
import { SESSION_KIND, SESSION_KIND_SHORT, SESSION_STATUS } from '../../lib/labels'
import { useQuery } from '../../lib/useQuery'
import { KIND_COLOR, STATUS_COLOR, WEEKDAY } from './kinds'
import { SessionCalendar } from './SessionCalendar'
import { SessionDrawer } from './SessionDrawer'
import { SessionFormModal } from './SessionFormModal'
import { SessionRulesModal } from './SessionRulesModal'
import { listWaiting } from '../../lib/listWaiting'

type Editing = { session: Session | null; date?: string } | null

/** 接待日: a month of reception days by kind; plan, change, open and close them. */
export default function SessionsPage({ params }: { params?: URLSearchParams }) {
  const { message } = App.useApp()
  const [month, setMonth] = useState<Dayjs>(() => dayjs().startOf('month'))
  const [view, setView] = useState<'list' | 'calendar'>('list')
  const [editing, setEditing] = useState<Editing>(null)
  // `#/sessions?id=N` opens that day, e.g. from a link on another screen.
  const [detailId, setDetailId] = useState<number | null>(() => Number(params?.get('id')) || null)
  const [version, setVersion] = useState(0)
  const [busy, setBusy] = useState(false)
  const [rulesOpen, setRulesOpen] = useState(false)
  const monthKey = month.format('YYYY-MM')
  const list = useQuery(() => api.sessionList({ month: monthKey }), [monthKey, version])
  const sessions = [...(list.data ?? [])].sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id)
  const today = dayjs().format('YYYY-MM-DD')
  const changed = () => setVersion((n) => n + 1)

  const held = sessions.filter((s) => s.status !== 'planned')
  const totals = held.reduce(
    (t, s) => ({ visits: t.visits + s.visitCount, people: t.people + s.personTimes, issues: t.issues + s.issueCount }),
    { visits: 0, people: 0, issues: 0 },
  )

  const act = async (work: () => Promise<Session>, done: (s: Session) => string) => {
    setBusy(true)
    try {
      const s = await work()
      message.success(done(s))
      changed()
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  const generate = async () => {
    setBusy(true)
    try {
      const { added, sessions: planned } = await api.sessionRuleGenerate({})
      const first = planned[0]
      message.success(
        added === 0 || !first
          ? '未来12个月的接待日都已在计划中，没有新增'
          : `已按规则生成未来12个月的接待日 ${added} 个，最近一个是 ${dayjs(first.date).format('M月D日')}`,
      )
      changed()
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  const openSession = (s: Session) =>
    void act(
      () => api.sessionOpen({ id: s.id }),
      (o) => `“${o.title}”已开始，可到“今日接待”登记来访`,
    )
  const closeSession = (s: Session) =>
    void act(
      () => api.sessionClose({ id: s.id }),
      (c) => `已结束“${c.title}”：接待 ${c.visitCount} 批 ${c.personTimes} 人次，受理问题 ${c.issueCount} 个`,
    )

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space size="middle" wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            接待日
          </Typography.Title>
          <Space.Compact>
            <Button aria-label="上个月" icon={<LeftOutlined />} onClick={() => setMonth((m) => m.subtract(1, 'month'))} />
            <DatePicker
              picker="month"
              aria-label="月份"
              value={month}
              allowClear={false}
              format="YYYY年M月"
              onChange={(d) => d && setMonth(d.startOf('month'))}
              style={{ width: 130 }}
            />
            <Button aria-label="下个月" icon={<RightOutlined />} onClick={() => setMonth((m) => m.add(1, 'month'))} />
          </Space.Compact>
          <Button onClick={() => setMonth(dayjs().startOf('month'))}>本月</Button>
          <Segmented<'list' | 'calendar'>
            value={view}
            onChange={setView}
            options={[
              { value: 'list', label: '列表' },
              { value: 'calendar', label: '月历' },
            ]}
          />
        </Space>
        <Space wrap>
          <Button onClick={() => setRulesOpen(true)}>接待日规则</Button>
          <Button loading={busy} onClick={() => void generate()}>
            生成未来12个月
          </Button>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ session: null, date: month.isSame(dayjs(), 'month') ? today : month.format('YYYY-MM-DD') })}
          >
            计划接待日
          </Button>
        </Space>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {month.format('YYYY年M月')}共 {sessions.length} 个接待日，已举行 {held.length} 个（接待 {totals.visits} 批 {totals.people}{' '}
        人次，受理问题 {totals.issues} 个），计划中 {sessions.length - held.length} 个。
      </Typography.Paragraph>
      {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}

      {view === 'list' ? (
        <Table<Session>
          size="small"
          rowKey="id"
          {...listWaiting(list.loading, list.data !== undefined, `${month.format('YYYY年M月')}还没有接待日，点击右上角“计划接待日”`)}
          dataSource={sessions}
          pagination={{ pageSize: 12, hideOnSinglePage: true }}
          onRow={(s) => ({ onDoubleClick: () => setDetailId(s.id) })}
          columns={[
            {
              title: '日期',
              dataIndex: 'date',
              width: 110,
              render: (d: string) => (
                <span style={{ whiteSpace: 'nowrap' }}>
                  {dayjs(d).format('M月D日')} <Typography.Text type="secondary">{WEEKDAY[dayjs(d).day()]}</Typography.Text>
                </span>
              ),
            },
            {
              title: '类型',
              dataIndex: 'kind',
              width: 70,
              render: (_, s) => (
                <Tag color={KIND_COLOR[s.kind]} title={SESSION_KIND[s.kind]}>
                  {SESSION_KIND_SHORT[s.kind]}
                </Tag>
              ),
            },
            {
              title: '名称 / 地点',
              render: (_, s) => (
                <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
                  <Typography.Link onClick={() => setDetailId(s.id)} ellipsis style={{ maxWidth: 260 }}>
                    {s.title}
                  </Typography.Link>
                  <Typography.Text type="secondary" ellipsis style={{ maxWidth: 260 }}>
                    {s.location}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: '接待领导', dataIndex: 'hostLeaderName', width: 90, render: (v: string | null) => v ?? '—' },
            {
              title: '值班人员',
              width: 150,
              render: (_, s) =>
                s.staffNames.length > 0 ? (
                  <Typography.Text ellipsis={{ tooltip: s.staffNames.join('、') }} style={{ maxWidth: 140 }}>
                    {s.staffNames.join('、')}
                  </Typography.Text>
                ) : (
                  '—'
                ),
            },
            {
              title: '状态',
              dataIndex: 'status',
              width: 80,
              render: (_, s) => <Tag color={STATUS_COLOR[s.status]}>{SESSION_STATUS[s.status]}</Tag>,
            },
            {
              title: '接待情况',
              width: 150,
              render: (_, s) =>
                s.status === 'planned' ? (
                  <Typography.Text type="secondary">—</Typography.Text>
                ) : (
                  <span style={{ whiteSpace: 'nowrap' }}>
                    {s.visitCount} 批 {s.personTimes} 人次 · 受理 {s.issueCount}
                  </span>
                ),
            },
            {
              title: '操作',
              width: 170,
              render: (_, s) => (
                <Space size={4}>
                  <Button size="small" type="link" onClick={() => setDetailId(s.id)}>
                    查看
                  </Button>
                  {s.status !== 'closed' && (
                    <Button size="small" type="link" onClick={() => setEditing({ session: s })}>
                      修改
                    </Button>
                  )}
                  {s.status === 'planned' && s.date <= today && (
                    <Button size="small" type="link" disabled={busy} onClick={() => openSession(s)}>
                      开始
                    </Button>
                  )}
                  {s.status === 'open' && (
                    <Popconfirm
                      title="结束这个接待日？"
                      description="结束后不能再登记来访。"
                      okText="结束"
                      cancelText="取消"
                      onConfirm={() => closeSession(s)}
                    >
                      <Button size="small" type="link" danger disabled={busy}>
                        结束
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      ) : (
        <SessionCalendar
          month={month}
          sessions={sessions}
          onPick={(s) => setDetailId(s.id)}
          onPlan={(date) => setEditing({ session: null, date })}
          onMonth={setMonth}
        />
      )}

      {editing && (
        <SessionFormModal
          session={editing.session}
          {...(editing.date ? { initialDate: editing.date } : {})}
          onClose={() => setEditing(null)}
          onSaved={(s) => {
            setEditing(null)
            if (!month.isSame(dayjs(s.date), 'month')) setMonth(dayjs(s.date).startOf('month'))
            changed()
          }}
        />
      )}
      {rulesOpen && <SessionRulesModal onClose={() => setRulesOpen(false)} />}
      {detailId !== null && (
        <SessionDrawer
          id={detailId}
          version={version}
          busy={busy}
          onClose={() => setDetailId(null)}
          onEdit={(s) => setEditing({ session: s })}
          onOpenSession={openSession}
          onCloseSession={closeSession}
          onChanged={changed}
        />
      )}
    </>
  )
}
