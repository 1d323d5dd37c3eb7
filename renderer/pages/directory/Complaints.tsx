import { Space, Tag, Typography } from 'antd'
import type { IssueListItem } from '../../../electron/contract/types'
import { ISSUE_STATUS, ISSUE_STATUS_COLOR } from '../../lib/labels'
import { navigate } from '../../lib/route'

/** Issues about this enterprise as 被反映对象, whoever raised them, each a link into the issue ledger. */
export function Complaints({ issues, total }: { issues: IssueListItem[]; total: number }) {
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        被反映的问题（{total}）
        {total > issues.length && (
          <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal', marginLeft: 8 }}>
            列出最近 {issues.length} 个
          </Typography.Text>
        )}
      </Typography.Title>
      {issues.length === 0 ? (
        <Typography.Text type="secondary">没有反映该企业的问题</Typography.Text>
      ) : (
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          {issues.map((i) => (
            <div key={i.id} style={{ display: 'flex', gap: 8, alignItems: 'baseline' }}>
              <Typography.Link onClick={() => navigate('issues', { id: i.id })} style={{ whiteSpace: 'nowrap' }}>
                {i.number}
              </Typography.Link>
              <Tag color={ISSUE_STATUS_COLOR[i.status]}>{ISSUE_STATUS[i.status]}</Tag>
              <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                {i.acceptedDate}
              </Typography.Text>
              <Typography.Text ellipsis={{ tooltip: i.content }} style={{ flex: 1, minWidth: 0 }}>
                [{i.categoryName}] {i.content}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                {i.visitorName}
              </Typography.Text>
            </div>
          ))}
        </Space>
      )}
    </>
  )
}
