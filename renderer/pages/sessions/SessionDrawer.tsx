import { useEffect, useState } from 'react'
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Popconfirm,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd'
import dayjs from 'dayjs'
import type { Session, VisitPage, VisitSummary } from '../../../electron/contract/types'
import { api } from '../../api'
import { AppointmentsDrawer } from '../appointments/AppointmentsDrawer'
import { CorrectionsLink } from '../../components/CorrectionHistory'
import { CorrectVisitModal } from '../today/CorrectVisitModal'
import { VoidReasonModal, VoidVisitModal } from '../today/VoidReasonModal'
import { ISSUE_STATUS, ISSUE_STATUS_COLOR, SESSION_KIND, SESSION_STATUS } from '../../lib/labels'
import { navigate } from '../../lib/route'
import { pagerOf, usePaged, type Paged } from '../../lib/usePaged'
import { useQuery } from '../../lib/useQuery'
import { KIND_COLOR, STATUS_COLOR, WEEKDAY } from './kinds'
import { listWaiting } from '../../lib/listWaiting'

interface Props {
  id: number
  /** Bumped by the page after a change, so the drawer reads the session again. */
  version: number
  busy: boolean
  onEdit: (s: Session) => void
  onOpenSession: (s: Session) => void
  onCloseSession: (s: Session) => void
  onClose: () => void
  /** After a void, so the page's list and figures read the ledger again. */
  onChanged?: () => void
}

/** One reception day: who held it, and once held, its figures and every visit. */
export function SessionDrawer({ id, version, busy, onEdit, onOpenSession, onCloseSession, onClose, onChanged }: Props) {
  const { message } = App.useApp()
  const [tick, setTick] = useState(0)
  const session = useQuery(() => api.sessionGet({ id }), [id, version, tick])
  const s = session.data?.id === id ? session.data : undefined
  const held = s !== undefined && s.status !== 'planned'
  const visits = usePaged(
    (paging) => (held ? api.visitList({ sessionId: id, ...paging }) : Promise.resolve(null)),
    [id, version, held, tick],
    VISIT_PAGE_SIZE,
  )
  const setVisitPage = visits.setPage
  // Another day opened in the same drawer starts at its newest visits.
  useEffect(() => setVisitPage(1), [id, setVisitPage])
  const today = dayjs().format('YYYY-MM-DD')
  const [bookingsFor, setBookingsFor] = useState<number | null>(null)
  const [voidingVisit, setVoidingVisit] = useState<VisitSummary | null>(null)
  const [correctingVisit, setCorrectingVisit] = useState<VisitSummary | null>(null)
  const [voidingSession, setVoidingSession] = useState(false)
  const changed = () => {
    setTick((n) => n + 1)
    onChanged?.()
  }

  return (
    <Drawer
      open
      size={760}
      onClose={onClose}
      footer={
        s && (
          <Flex justify="space-between" align="center">
            <Typography.Text type="secondary">登记错误的接待日可作废（须说明原因，记入审计日志）。</Typography.Text>
            <Button danger onClick={() => setVoidingSession(true)}>
              作废此接待日
            </Button>
          </Flex>
        )
      }
      title={
        s ? (
          <Space>
            {s.title}
            <Tag color={STATUS_COLOR[s.status]}>{SESSION_STATUS[s.status]}</Tag>
          </Space>
        ) : (
          '接待日'
        )
      }
      extra={
        s && (
          <Space>
            <Button onClick={() => setBookingsFor(s.id)}>预约服务</Button>
            {held && <Button onClick={() => navigate('print', { kind: 'handover', session: s.id })}>打印交办单</Button>}
            {s.status !== 'closed' && <Button onClick={() => onEdit(s)}>修改</Button>}
            {/* Only on its day: opened later it would take another day's visits under its date. */}
            {s.status === 'planned' && s.date === today && (
              <Button type="primary" loading={busy} onClick={() => onOpenSession(s)}>
                开始接待
              </Button>
            )}
            {s.status === 'open' && (
              <Popconfirm
                title="结束这个接待日？"
                description="结束后不能再登记来访，数字随之定格。"
                okText="结束"
                cancelText="取消"
                onConfirm={() => onCloseSession(s)}
              >
                <Button danger loading={busy}>
                  结束接待日
                </Button>
              </Popconfirm>
            )}
          </Space>
        )
      }
    >
      {session.error && <Alert type="error" showIcon title={session.error} />}
      {s && (
        <>
          <Descriptions
            size="small"
            column={2}
            bordered
            items={[
              { key: 'date', label: '日期', children: `${s.date}（${WEEKDAY[dayjs(s.date).day()] ?? ''}）` },
              { key: 'kind', label: '类型', children: <Tag color={KIND_COLOR[s.kind]}>{SESSION_KIND[s.kind]}</Tag> },
              { key: 'location', label: '地点', children: s.location, span: 2 },
              { key: 'leader', label: '接待领导', children: s.hostLeaderName ?? '—' },
              { key: 'staff', label: '值班人员', children: s.staffNames.length > 0 ? s.staffNames.join('、') : '—' },
              ...(s.openedAt ? [{ key: 'opened', label: '开始时间', children: s.openedAt }] : []),
              ...(s.closedAt ? [{ key: 'closed', label: '结束时间', children: s.closedAt }] : []),
              ...(s.note ? [{ key: 'note', label: '备注', children: s.note, span: 2 }] : []),
            ]}
          />
          {held ? (
            <>
              <Card size="small" style={{ marginTop: 16 }} title={s.status === 'closed' ? '本次接待情况' : '接待进行中，截至目前'}>
                <Row gutter={16}>
                  <Col span={6}>
                    <Statistic title="来访" value={s.visitCount} suffix="批" />
                  </Col>
                  <Col span={6}>
                    <Statistic title="接待" value={s.personTimes} suffix="人次" />
                  </Col>
                  <Col span={6}>
                    <Statistic title="当场答复咨询" value={s.consultationCount} suffix="项" />
                  </Col>
                  <Col span={6}>
                    <Statistic title="受理问题" value={s.issueCount} suffix="个" />
                  </Col>
                </Row>
              </Card>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                来访登记
              </Typography.Title>
              <VisitTable visits={visits} onVoid={setVoidingVisit} onCorrect={setCorrectingVisit} />
            </>
          ) : (
            <Empty
              style={{ marginTop: 24 }}
              description={
                s.date > today
                  ? `定于 ${s.date} 举行，当天可在此“开始接待”`
                  : s.date < today
                    ? '日期已过、未曾开始：如改期举行，请“修改”日期；不再举行的可作废'
                    : '尚未开始，点击右上角“开始接待”后即可登记来访'
              }
            />
          )}
        </>
      )}
      <AppointmentsDrawer sessionId={bookingsFor} onClose={() => setBookingsFor(null)} />
      {correctingVisit && (
        <CorrectVisitModal
          visit={visits.query.data?.rows.find((r) => r.id === correctingVisit.id) ?? correctingVisit}
          onStale={visits.query.reload}
          onClose={() => setCorrectingVisit(null)}
          onSaved={() => {
            setCorrectingVisit(null)
            changed()
          }}
        />
      )}
      {voidingVisit && (
        <VoidVisitModal
          visit={voidingVisit}
          onClose={() => setVoidingVisit(null)}
          onVoided={() => {
            setVoidingVisit(null)
            changed()
          }}
        />
      )}
      {s && voidingSession && (
        <VoidReasonModal
          title={`作废接待日：${s.title}`}
          okText="作废接待日"
          draftKey={`void:session:${s.id}`}
          onClose={() => setVoidingSession(false)}
          onVoid={async (reason) => {
            await api.sessionVoid({ id: s.id, reason })
            message.success(`已作废接待日“${s.title}”`)
            setVoidingSession(false)
            onChanged?.()
            onClose()
          }}
        >
          作废后，这个接待日不再出现在接待日列表和统计数字中，但仍保留在台账和审计日志里。
          {s.status === 'planned'
            ? '计划中的接待日，值班人员即可作废。'
            : '已举行的接待日只有负责人可以作废，且须先逐条作废其中的来访登记。'}
        </VoidReasonModal>
      )}
    </Drawer>
  )
}

const VISIT_PAGE_SIZE = 8

interface VisitTableProps {
  visits: Paged<VisitPage>
  onVoid: (v: VisitSummary) => void
  onCorrect: (v: VisitSummary) => void
}

/** The day's visits a page at a time from the ledger. */
function VisitTable({ visits, onVoid, onCorrect }: VisitTableProps) {
  return (
    <Table<VisitSummary>
      size="small"
      rowKey="id"
      {...listWaiting(visits.query.loading, visits.query.data !== undefined, '没有来访登记')}
      dataSource={visits.query.data?.rows ?? []}
      pagination={pagerOf(visits, VISIT_PAGE_SIZE)}
      columns={[
        { title: '时间', dataIndex: 'arrivedAt', width: 60, render: (v: string) => v.slice(11, 16) },
        {
          title: '来访人',
          width: 170,
          render: (_, v) => (
            <Space orientation="vertical" size={0}>
              <span>
                {v.visitorName}
                {v.headcount > 1 && <Typography.Text type="secondary">（{v.headcount} 人）</Typography.Text>}
              </span>
              {v.organizationName && <Typography.Text type="secondary">{v.organizationName}</Typography.Text>}
              <CorrectionsLink visitId={v.id} count={v.correctionCount} />
            </Space>
          ),
        },
        {
          title: '事项',
          render: (_, v) => (
            <Space orientation="vertical" size={2}>
              {v.matters.map((m) => (
                <span key={m.id}>
                  {m.type === 'consultation' ? (
                    <Tag>咨询</Tag>
                  ) : (
                    <Tag
                      color={m.issueStatus ? ISSUE_STATUS_COLOR[m.issueStatus] : 'blue'}
                      style={{ cursor: 'pointer' }}
                      onClick={() => m.issueId && navigate('issues', { id: m.issueId })}
                    >
                      {m.issueNumber} {m.issueStatus ? ISSUE_STATUS[m.issueStatus] : ''}
                    </Tag>
                  )}
                  <Typography.Text>
                    [{m.categoryName}] {m.content}
                  </Typography.Text>
                </span>
              ))}
            </Space>
          ),
        },
        {
          title: '操作',
          width: 64,
          render: (_, v) => (
            <Space orientation="vertical" size={0}>
              <Button size="small" type="link" aria-label={`更正 ${v.visitorName} 的来访登记`} onClick={() => onCorrect(v)}>
                更正
              </Button>
              <Button size="small" type="link" danger aria-label={`作废 ${v.visitorName} 的来访登记`} onClick={() => onVoid(v)}>
                作废
              </Button>
            </Space>
          ),
        },
      ]}
    />
  )
}
