import { Button, Card, Empty, List, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import type { VisitPage, VisitSummary } from '../../../electron/contract/types'
import { ISSUE_STATUS, ISSUE_STATUS_COLOR } from '../../lib/labels'
import { navigate } from '../../lib/route'
import { useReference } from '../../lib/reference'
import { pagerOf, type Paged } from '../../lib/usePaged'
import { VoidVisitModal } from './VoidReasonModal'

export const VISITS_PAGE_SIZE = 20

/** Today's arrivals, newest first, each with what it raised; one entered by mistake can be voided. */
interface Props {
  /** One page from the ledger at a time: a busy day has hundreds of visits. */
  visits: Paged<VisitPage>
  /** The day's person-times from the ledger, not from the rows drawn. */
  personTimes: number
  onChanged: () => void
}

export function TodayVisits({ visits, personTimes, onChanged }: Props) {
  const { caseRules } = useReference()
  const [voiding, setVoiding] = useState<VisitSummary | null>(null)
  const total = visits.query.data?.total ?? 0
  return (
    <Card size="small" title={`今日来访（${total} 批，${personTimes} 人次）`} styles={{ body: { maxHeight: 560, overflow: 'auto' } }}>
      <List
        loading={visits.query.loading}
        dataSource={visits.query.data?.rows ?? []}
        pagination={pagerOf(visits, VISITS_PAGE_SIZE)}
        locale={{ emptyText: <Empty description="还没有来访登记" /> }}
        renderItem={(v) => (
          <List.Item
            actions={[
              <Button
                key="void"
                size="small"
                type="link"
                danger
                aria-label={`作废 ${v.visitorName} 的来访登记`}
                onClick={() => setVoiding(v)}
              >
                作废
              </Button>,
            ]}
          >
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <Space wrap>
                <Typography.Text type="secondary">{v.arrivedAt.slice(11, 16)}</Typography.Text>
                <Typography.Text strong>{v.visitorName}</Typography.Text>
                {v.organizationName && <Typography.Text>{v.organizationName}</Typography.Text>}
                {v.visitorPhone && <Typography.Text type="secondary">{v.visitorPhone}</Typography.Text>}
                <Tag>{v.headcount} 人</Tag>
                {caseRules && v.headcount >= caseRules.collectiveHeadcount && <Tag color="volcano">集体访</Tag>}
              </Space>
              {v.matters.map((m) => (
                <Space key={m.id} size={4} align="start">
                  {m.type === 'consultation' ? (
                    <Tag color="default">咨询</Tag>
                  ) : (
                    <Tag
                      color={m.issueStatus ? ISSUE_STATUS_COLOR[m.issueStatus] : 'blue'}
                      style={{ cursor: 'pointer' }}
                      onClick={() => m.issueId && navigate('issues', { id: m.issueId })}
                    >
                      {m.issueNumber} {m.issueStatus ? ISSUE_STATUS[m.issueStatus] : ''}
                    </Tag>
                  )}
                  <Typography.Text ellipsis={{ tooltip: m.content }} style={{ maxWidth: 340 }}>
                    [{m.categoryName}] {m.content}
                  </Typography.Text>
                </Space>
              ))}
            </Space>
          </List.Item>
        )}
      />
      {voiding && (
        <VoidVisitModal
          visit={voiding}
          onClose={() => setVoiding(null)}
          onVoided={() => {
            setVoiding(null)
            onChanged()
          }}
        />
      )}
    </Card>
  )
}
