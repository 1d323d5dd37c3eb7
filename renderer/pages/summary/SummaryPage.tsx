import { PrinterOutlined, ReloadOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Col, Flex, Input, Row, Space, Statistic, Table, Typography } from 'antd'
import dayjs from 'dayjs'
import { useEffect, useState } from 'react'
import type { IssueListItem, MonthlyReport, PeriodReport } from '../../../electron/contract/types'
import { api } from '../../api'
import { ISSUE_STATUS, SATISFACTION, SESSION_KIND_SHORT } from '../../lib/labels'
import { navigate } from '../../lib/route'
import { useQuery } from '../../lib/useQuery'
import { Breakdowns } from './Breakdowns'
import { CaseFileCard } from './CaseFileCard'
import { Chart } from './Chart'
import { ExportButtons, PeriodExportButton } from './ExportButtons'
import { MonthCloseBar } from './MonthCloseBar'
import { PeriodPicker } from './PeriodPicker'
import { choiceFromParams, datesOf, type Choice } from './periods'
import { PetitionFiguresCard } from './PetitionFiguresCard'

const rate = (v: number | null) => (v === null ? '—' : `${v}%`)

function IssueList({ title, rows }: { title: string; rows: IssueListItem[] }) {
  return (
    <Card size="small" title={`${title}（${rows.length}）`}>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ y: 200 }}
        dataSource={rows}
        locale={{ emptyText: '无' }}
        onRow={(r) => ({ onClick: () => navigate('issues', { id: r.id }), style: { cursor: 'pointer' } })}
        columns={[
          { title: '编号', dataIndex: 'number', width: 150 },
          { title: '反映问题', dataIndex: 'content', ellipsis: true },
          { title: '承办股室', dataIndex: 'departmentName', width: 150, render: (v: string | null) => v ?? '未交办' },
          { title: '办结时限', dataIndex: 'dueDate', width: 110, render: (v: string, r) => (r.dueProvisional ? `${v}（暂定）` : v) },
          { title: '状态', dataIndex: 'status', width: 80, render: (v: IssueListItem['status']) => ISSUE_STATUS[v] },
        ]}
      />
    </Card>
  )
}

const isMonthly = (r: PeriodReport | MonthlyReport): r is MonthlyReport => 'close' in r

/** 统计: any period's figures from the ledger, the charts, the report sentence to print, and the month's close (月结). */
export default function SummaryPage({ params }: { params: URLSearchParams }) {
  const today = dayjs()
  const [choice, setChoice] = useState<Choice>(() => choiceFromParams(params, today))
  const [version, setVersion] = useState(0)
  const first = useQuery(() => (choice.kind === 'all' ? api.summaryFirstRecord({}) : Promise.resolve({ date: null })), [choice.kind])
  const { from, to } = datesOf(choice, first.data?.date ?? null, today.format('YYYY-MM-DD'))
  const month = from.slice(0, 7)
  const waiting = choice.kind === 'all' && first.data === undefined
  const report = useQuery<PeriodReport | MonthlyReport | null>(
    () => (waiting ? Promise.resolve(null) : choice.kind === 'month' ? api.reportMonth({ month }) : api.summaryPeriod({ from, to })),
    [choice.kind, from, to, version, waiting],
  )
  const sessions = useQuery(
    () => (choice.kind === 'month' ? api.sessionList({ month }) : Promise.resolve([])),
    [choice.kind, month, version],
  )
  const [sentence, setSentence] = useState('')
  useEffect(() => {
    if (report.data) setSentence(report.data.sentence)
  }, [report.data])

  const r = report.data ?? null
  const s = r?.summary
  const monthly = r !== null && isMonthly(r) ? r : null
  const closed = monthly?.close != null
  const sentenceLabel = choice.kind === 'month' ? '月报文字' : '报告文字'
  const held = (sessions.data ?? []).filter((x) => x.status !== 'planned').sort((a, b) => (a.date < b.date ? -1 : 1))
  const print = () =>
    choice.kind === 'month'
      ? navigate('print', { kind: 'monthly', month, sentence })
      : navigate('print', { kind: 'period', from, to, sentence })
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {s ? `${s.period.label}统计` : '统计'}
          </Typography.Title>
          <PeriodPicker value={choice} onChange={setChoice} />
        </Space>
        <Space>
          <Button type="primary" icon={<PrinterOutlined />} disabled={!s} onClick={print}>
            {choice.kind === 'month' ? '打印月报' : '打印报告'}
          </Button>
          {choice.kind === 'month' ? (
            <ExportButtons month={month} />
          ) : (
            s && <PeriodExportButton from={from} to={to} label={s.period.label} />
          )}
        </Space>
      </Flex>
      {report.error && <Alert type="error" showIcon title={report.error} />}
      {monthly && (
        <MonthCloseBar
          report={monthly}
          month={month}
          sentence={sentence}
          monthOver={dayjs(to).isBefore(today, 'day')}
          onChanged={() => setVersion((n) => n + 1)}
        />
      )}
      {s && (
        <>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Flex wrap gap={28} style={{ marginBottom: 8 }}>
              {(
                [
                  ['接待日（场）', s.sessions],
                  ['接待企业（家）', s.enterprises],
                  ['接待人次', s.personTimes],
                  ['咨询（件）', s.consultations],
                  [`${s.period.current}受理（个）`, s.issuesAccepted],
                  ['其中已办结（个）', s.issuesResolved],
                  [`${s.period.current}办结（个）`, s.issuesResolvedInPeriod],
                  ['办结率', rate(s.resolutionRate)],
                  ['按期办结率', rate(s.onTimeRate)],
                  ['满意率', rate(s.satisfactionRate)],
                ] as const
              ).map(([title, value]) => (
                <Statistic key={title} title={title} value={value} />
              ))}
            </Flex>
            <Typography.Text type="secondary">
              {s.period.from} 至 {s.period.to}。“{s.period.current}办结”含{s.period.previous}结转 {s.issuesResolvedInPeriodEarlier}{' '}
              个；满意率按回访的问题计（
              {s.issuesCalledBack} 个问题、{s.callbacks} 次回访）。
            </Typography.Text>
          </Card>
          {s.caseFile && <CaseFileCard c={s.caseFile} />}
          <Card
            size="small"
            title={closed ? `${sentenceLabel}（月结时报送的文字）` : `${sentenceLabel}（数字来自台账，可修改措辞后打印）`}
            style={{ marginBottom: 12 }}
            extra={
              !closed && (
                <Button size="small" icon={<ReloadOutlined />} onClick={() => setSentence(r?.sentence ?? '')}>
                  恢复自动生成
                </Button>
              )
            }
          >
            <Input.TextArea
              aria-label={sentenceLabel}
              value={sentence}
              readOnly={closed}
              onChange={(e) => setSentence(e.target.value)}
              autoSize={{ minRows: 2, maxRows: 5 }}
              maxLength={2000}
            />
          </Card>
          <Row gutter={12} style={{ marginBottom: 12 }}>
            {choice.kind === 'month' && (
              <Col span={10}>
                <Card size="small" title="各接待日接待人次">
                  <Chart
                    label="各接待日接待人次柱状图"
                    option={{
                      tooltip: {},
                      grid: { left: 40, right: 10, top: 20, bottom: 40 },
                      xAxis: { type: 'category', data: held.map((x) => `${x.date.slice(5)} ${SESSION_KIND_SHORT[x.kind]}`) },
                      yAxis: { type: 'value', minInterval: 1 },
                      series: [{ type: 'bar', name: '人次', data: held.map((x) => x.personTimes), barMaxWidth: 40 }],
                    }}
                  />
                </Card>
              </Col>
            )}
            <Col span={choice.kind === 'month' ? 8 : 14}>
              <Card size="small" title="问题类别">
                <Chart
                  label="各类别受理问题和咨询柱状图"
                  option={{
                    tooltip: {},
                    legend: { bottom: 0 },
                    grid: { left: 70, right: 10, top: 10, bottom: 40 },
                    yAxis: { type: 'category', data: s.byCategory.map((c) => c.categoryName) },
                    xAxis: { type: 'value', minInterval: 1 },
                    series: [
                      { type: 'bar', name: '受理', stack: 'n', data: s.byCategory.map((c) => c.issuesAccepted) },
                      { type: 'bar', name: '咨询', stack: 'n', data: s.byCategory.map((c) => c.consultations) },
                    ],
                  }}
                />
              </Card>
            </Col>
            <Col span={choice.kind === 'month' ? 6 : 10}>
              <Card size="small" title={`回访满意度（${s.issuesCalledBack} 个问题）`}>
                <Chart
                  label="回访满意度饼图"
                  option={{
                    tooltip: {},
                    legend: { bottom: 0 },
                    series: [
                      {
                        type: 'pie',
                        radius: ['35%', '65%'],
                        // The card is narrow: names outside the ring were cut to “…”; the legend names
                        // the parts and each part shows its count.
                        label: { position: 'inside', formatter: '{c}' },
                        labelLine: { show: false },
                        data: [
                          { name: SATISFACTION.satisfied, value: s.satisfied },
                          { name: SATISFACTION.basically_satisfied, value: s.basicallySatisfied },
                          { name: SATISFACTION.unsatisfied, value: s.unsatisfied },
                        ],
                      },
                    ],
                  }}
                />
              </Card>
            </Col>
          </Row>
          <Breakdowns s={s} />
          <Row gutter={12}>
            <Col span={12}>
              <IssueList title="超期未办结" rows={s.overdue} />
            </Col>
            <Col span={12}>
              <IssueList title={`${s.period.previous}结转`} rows={s.carriedOverIssues} />
            </Col>
          </Row>
          {/* A month closed before the 信访 figures existed has none in its snapshot. */}
          {'petitions' in s && <PetitionFiguresCard figures={s.petitions} />}
        </>
      )}
    </>
  )
}
