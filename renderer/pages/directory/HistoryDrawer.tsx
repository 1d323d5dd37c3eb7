import { Alert, Button, Descriptions, Drawer, Space, Typography, type DescriptionsProps } from 'antd'
import type { ReactNode } from 'react'
import type { IssueListItem, VisitSummary } from '../../../electron/contract/types'
import { OpenIssues, VisitHistory } from './History'

/** What the drawer shows once the history has loaded. */
export interface HistoryDrawerContent {
  items: DescriptionsProps['items']
  openIssues: IssueListItem[]
  /** The newest visits, as many as the ledger sends. */
  visits: VisitSummary[]
  /** Every visit, counted in the ledger. */
  visitCount: number
  onEdit: () => void
  onMerge: () => void
}

interface Props {
  title: ReactNode
  error: string | null
  content: HistoryDrawerContent | undefined
  /** Which side of each visit the visit list names. */
  show: 'visitor' | 'organization'
  onClose: () => void
  children?: ReactNode
}

/** The frame of an enterprise's or a visitor's history: details, issues still open, every visit. */
export function HistoryDrawer({ title, error, content, show, onClose, children }: Props) {
  return (
    <Drawer
      open
      size={780}
      onClose={onClose}
      title={title}
      extra={
        content && (
          <Space>
            <Button onClick={content.onEdit}>修改信息</Button>
            <Button onClick={content.onMerge}>合并重复记录</Button>
          </Space>
        )
      }
    >
      {error && <Alert type="error" showIcon title={error} />}
      {content && (
        <>
          <Descriptions size="small" bordered column={2} items={content.items} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            未办结问题（{content.openIssues.length}）
          </Typography.Title>
          <OpenIssues issues={content.openIssues} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            来访记录
            {content.visitCount > content.visits.length && (
              <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal', marginLeft: 8 }}>
                共 {content.visitCount} 次，列出最近 {content.visits.length} 次
              </Typography.Text>
            )}
          </Typography.Title>
          <VisitHistory visits={content.visits} show={show} />
        </>
      )}
      {children}
    </Drawer>
  )
}
