import { issueStatus } from '../../../../shared/codes/issues'
import { Alert, Descriptions, List, Space, Tag } from 'antd'
import type { ImportBatchSummary, ImportReport, ImportRowProblem } from '../../../../electron/contract/types'
import { ISSUE_STATUS } from '../../../lib/labels'

// What a dry run or an import found: counts, duplicates and each row that could not be read.

function ProblemList({ title, problems, type }: { title: string; problems: ImportRowProblem[]; type: 'error' | 'warning' }) {
  if (problems.length === 0) return null
  return (
    <Alert
      type={type}
      showIcon
      style={{ marginBottom: 12 }}
      title={`${title} ${new Set(problems.map((p) => p.row)).size} 行`}
      description={
        <List
          size="small"
          dataSource={problems.slice(0, 200)}
          renderItem={(p) => (
            <List.Item style={{ padding: '2px 0' }}>
              第 {p.row} 行{p.column ? `（${p.column}）` : ''}：{p.message}
            </List.Item>
          )}
          footer={problems.length > 200 ? `另有 ${problems.length - 200} 条未列出` : undefined}
        />
      }
    />
  )
}

/** A dry run's or an import's report; `done` once the records are in the ledger. */
export function ReportView({ report, done }: { report: ImportReport | ImportBatchSummary; done: boolean }) {
  const c = report.counts
  const statuses = issueStatus.codes.filter((s) => c.issuesByStatus[s] > 0)
  return (
    <>
      <Descriptions
        size="small"
        column={2}
        bordered
        style={{ marginBottom: 12 }}
        items={[
          {
            key: 'rows',
            label: '数据行',
            children: `${c.rows} 行${report.blankRows > 0 ? `（另有空行 ${report.blankRows} 行）` : ''}${report.totalRows > 0 ? `，合计行 ${report.totalRows} 行不导入` : ''}`,
          },
          {
            key: 'imported',
            label: done ? '已导入' : '将导入',
            children: `${c.imported} 行${c.months.length > 0 ? `（${c.months[0]}${c.months.length > 1 ? ` 至 ${c.months[c.months.length - 1]}` : ''}）` : ''}`,
          },
          { key: 'sessions', label: '接待日', children: `新建 ${c.sessionsCreated} 场，并入已有 ${c.sessionsReused} 场` },
          { key: 'visits', label: '来访登记', children: `${c.visits} 条，${c.personTimes} 人次` },
          { key: 'consultations', label: '咨询', children: `${c.consultations} 件` },
          {
            key: 'issues',
            label: '受理问题',
            children: (
              <Space size={4} wrap>
                {c.issues} 个
                {statuses.map((s) => (
                  <Tag key={s}>
                    {ISSUE_STATUS[s]} {c.issuesByStatus[s]}
                  </Tag>
                ))}
              </Space>
            ),
          },
          { key: 'visitors', label: '来访人', children: `新建 ${c.visitorsCreated} 人，台账中已有 ${c.visitorsMatched} 人` },
          { key: 'organizations', label: '企业', children: `新建 ${c.organizationsCreated} 家，台账中已有 ${c.organizationsMatched} 家` },
          { key: 'callbacks', label: '回访', children: `${c.callbacks} 次` },
          { key: 'departments', label: '新增股室', children: `${c.departmentsCreated} 个` },
        ]}
      />
      <ProblemList title={done ? '无法读取（已跳过）' : '无法读取'} problems={report.unreadable} type="error" />
      <ProblemList title="重复（不导入）" problems={report.duplicates} type="warning" />
      {report.warnings.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="提示"
          description={
            <List
              size="small"
              dataSource={report.warnings}
              renderItem={(w) => (
                <List.Item style={{ padding: '2px 0' }}>
                  {w.message}
                  {w.rows.length > 0 && `（第 ${w.rows.slice(0, 15).join('、')}${w.rows.length > 15 ? ` 等 ${w.rows.length} 行` : ' 行'}）`}
                </List.Item>
              )}
            />
          }
        />
      )}
    </>
  )
}
