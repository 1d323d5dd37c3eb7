import { PrinterOutlined, ReloadOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Col, DatePicker, Flex, Input, Row, Space, Statistic, Table, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useState } from 'react'
import type { IssueListItem } from '../../../electron/contract/types'
import { api } from '../../api'
import { ISSUE_STATUS, SATISFACTION, SESSION_KIND_SHORT } from '../../lib/labels'
import { navigate } from '../../lib/route'
import { useQuery } from '../../lib/useQuery'
import { Chart } from './Chart'
import { ExportButtons } from './ExportButtons'

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
          { title: '办结时限', dataIndex: 'dueDate', width: 100 },
          { title: '状态', dataIndex: 'status', width: 80, render: (v: IssueListItem['status']) => ISSUE_STATUS[v] },
        ]}
      />
    </Card>
  )
}

/** 统计: one month's figures from the ledger, the charts, and the report sentence to print. */
export default function SummaryPage({ params }: { params: URLSearchParams }) {
  const [month, setMonth] = useState<Dayjs>(() => dayjs(params.get('month') ?? undefined).startOf('month'))
  const ym = month.format('YYYY-MM')
  const report = useQuery(() => api.reportMonth({ month: ym }), [ym])
  const sessions = useQuery(() => api.sessionList({ month: ym }), [ym])
  const [sentence, setSentence] = useState('')
  useEffect(() => {
    if (report.data) setSentence(report.data.sentence)
  }, [report.data])

  const s = report.data?.summary
  const held = (sessions.data ?? []).filter((x) => x.status !== 'planned').sort((a, b) => (a.date < b.date ? -1 : 1))
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space>
          <Typography.Title level={3} style={{ margin: 0 }}>
            月度统计
          </Typography.Title>
          <DatePicker
            picker="month"
            value={month}
            allowClear={false}
            onChange={(d) => d && setMonth(d.startOf('month'))}
            aria-label="统计月份"
          />
        </Space>
        <Space>
          <Button
            type="primary"
            icon={<PrinterOutlined />}
            disabled={!s}
            onClick={() => navigate('print', { kind: 'monthly', month: ym, sentence })}
          >
            打印月报
          </Button>
          <ExportButtons month={ym} />
        </Space>
      </Flex>
      {report.error && <Alert type="error" showIcon title={report.error} />}
      {s && (
        <>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Row gutter={16}>
              {(
                [
                  ['接待日（场）', s.sessions],
                  ['接待企业（家）', s.enterprises],
                  ['接待人次', s.personTimes],
                  ['咨询（件）', s.consultations],
                  ['受理问题（个）', s.issuesAccepted],
                  ['已办结（个）', s.issuesResolved],
                ] as const
              ).map(([title, value]) => (
                <Col key={title} span={3}>
                  <Statistic title={title} value={value} />
                </Col>
              ))}
              <Col span={2}>
                <Statistic title="办结率" value={rate(s.resolutionRate)} />
              </Col>
              <Col span={2}>
                <Statistic title="按期办结率" value={rate(s.onTimeRate)} />
              </Col>
              <Col span={2}>
                <Statistic title="满意率" value={rate(s.satisfactionRate)} />
              </Col>
            </Row>
          </Card>
          <Card
            size="small"
            title="月报文字（数字来自台账，可修改措辞后打印）"
            style={{ marginBottom: 12 }}
            extra={
              <Button size="small" icon={<ReloadOutlined />} onClick={() => setSentence(report.data?.sentence ?? '')}>
                恢复自动生成
              </Button>
            }
          >
            <Input.TextArea
              aria-label="月报文字"
              value={sentence}
              onChange={(e) => setSentence(e.target.value)}
              autoSize={{ minRows: 2, maxRows: 5 }}
              maxLength={2000}
            />
          </Card>
          <Row gutter={12} style={{ marginBottom: 12 }}>
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
            <Col span={8}>
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
            <Col span={6}>
              <Card size="small" title={`回访满意度（${s.callbacks} 次）`}>
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
          <Row gutter={12}>
            <Col span={12}>
              <IssueList title="超期未办结" rows={s.overdue} />
            </Col>
            <Col span={12}>
              <IssueList title="上月结转" rows={s.carriedOverIssues} />
            </Col>
          </Row>
        </>
      )}
    </>
  )
}
