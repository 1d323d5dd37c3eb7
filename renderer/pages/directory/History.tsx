import { Empty, Space, Table, Tag, Typography } from 'antd'
import type { IssueListItem, VisitSummary } from '../../../electron/contract/types'
import { DUE_STATE, ISSUE_STATUS, ISSUE_STATUS_COLOR } from '../../lib/labels'
import { navigate } from '../../lib/route'

/** Issues still owed to this enterprise or person, each a link into the issue ledger. */
export function OpenIssues({ issues }: { issues: IssueListItem[] }) {
  if (issues.length === 0) return <Typography.Text type="secondary">没有未办结的问题</Typography.Text>
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      {issues.map((i) => (
        <div key={i.id} style={{ display: 'flex', gap: 8, alignItems: 'baseline' }}>
          <Typography.Link onClick={() => navigate('issues', { id: i.id })} style={{ whiteSpace: 'nowrap' }}>
            {i.number}
          </Typography.Link>
          <Tag color={ISSUE_STATUS_COLOR[i.status]}>{ISSUE_STATUS[i.status]}</Tag>
          <Typography.Text ellipsis={{ tooltip: i.content }} style={{ flex: 1, minWidth: 0 }}>
            [{i.categoryName}] {i.content}
          </Typography.Text>
          <Typography.Text type={i.dueState === 'overdue' ? 'danger' : 'secondary'} style={{ whiteSpace: 'nowrap' }}>
            {i.dueState === 'overdue' ? DUE_STATE.overdue : '限'} {i.dueDate}
            {i.dueProvisional && '（暂定）'}
          </Typography.Text>
        </div>
      ))}
    </Space>
  )
}

/** Every visit, newest first, with what was raised: consultations and the issues' ledger numbers. */
export function VisitHistory({ visits, show }: { visits: VisitSummary[]; show: 'visitor' | 'organization' }) {
  return (
    <Table<VisitSummary>
      size="small"
      rowKey="id"
      dataSource={visits}
      pagination={{ pageSize: 6, hideOnSinglePage: true, size: 'small' }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有来访记录" /> }}
      columns={[
        { title: '日期', dataIndex: 'visitDate', width: 104, render: (d: string) => <span style={{ whiteSpace: 'nowrap' }}>{d}</span> },
        {
          title: show === 'visitor' ? '来访人' : '所属企业',
          width: 150,
          render: (_, v) => (
            <Typography.Text ellipsis style={{ maxWidth: 140 }}>
              {show === 'visitor' ? `${v.visitorName}${v.headcount > 1 ? `（${v.headcount} 人）` : ''}` : (v.organizationName ?? '—')}
            </Typography.Text>
          ),
        },
        {
          title: '事项',
          render: (_, v) => (
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              {v.matters.map((m) => (
                <div key={m.id} style={{ display: 'flex', gap: 4, alignItems: 'baseline', minWidth: 0 }}>
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
                  <Typography.Text
                    ellipsis={{ tooltip: m.answer ? `${m.content}\n答复：${m.answer}` : m.content }}
                    style={{ flex: 1, minWidth: 0 }}
                  >
                    [{m.categoryName}] {m.content}
                  </Typography.Text>
                </div>
              ))}
            </Space>
          ),
        },
      ]}
    />
  )
}
