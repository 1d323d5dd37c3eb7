import { Button, Card, Empty, Flex, List, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import type { VisitPage, VisitSummary } from '../../../electron/contract/types'
import { ISSUE_STATUS, ISSUE_STATUS_COLOR } from '../../lib/labels'
import { navigate } from '../../lib/route'
import { useReference } from '../../lib/reference'
import { pagerOf, type Paged } from '../../lib/usePaged'
import { CorrectionsLink } from '../../components/CorrectionHistory'
import { CorrectVisitModal } from './CorrectVisitModal'
import { VoidVisitModal } from './VoidReasonModal'
import { VISITS_PAGE_SIZE } from './first-calls'
import { listWaiting } from '../../lib/listWaiting'

/** Today's arrivals, newest first, each with what it raised; one entered by mistake can be voided. */
interface Props {
  /** One page from the ledger at a time: a busy day has hundreds of visits. */
  visits: Paged<VisitPage>
  /** The day's person-times from the ledger, not from the rows drawn. */
  personTimes: number
  onChanged: () => void
}

function IssueTag({
  number,
  status,
  issueId,
}: {
  number: string | null
  status: VisitSummary['matters'][number]['issueStatus']
  issueId: number | null
}) {
  const open = () => issueId && navigate('issues', { id: issueId })
  return (
    <Tag
      role="button"
      tabIndex={0}
      aria-label={`打开问题 ${number ?? ''}`}
      color={status ? ISSUE_STATUS_COLOR[status] : 'blue'}
      style={{ cursor: 'pointer', marginInlineEnd: 0, flex: 'none' }}
      onClick={open}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault()
          open()
        }
      }}
    >
      {number} {status ? ISSUE_STATUS[status] : ''}
    </Tag>
  )
}

export function TodayVisits({ visits, personTimes, onChanged }: Props) {
  const { caseRules } = useReference()
  const [voiding, setVoiding] = useState<VisitSummary | null>(null)
  const [correcting, setCorrecting] = useState<VisitSummary | null>(null)
  const total = visits.query.data?.total ?? 0
  return (
    <Card size="small" title={`今日来访（${total} 批，${personTimes} 人次）`} styles={{ body: { maxHeight: 560, overflow: 'auto' } }}>
      <List
        {...listWaiting(visits.query.loading, visits.query.data !== undefined, <Empty description="还没有来访登记" />)}
        dataSource={visits.query.data?.rows ?? []}
        pagination={pagerOf(visits, VISITS_PAGE_SIZE)}
        renderItem={(v) => (
          <List.Item
            className="today-visit"
            actions={[
              ...(v.matters.some((m) => m.issueId !== null)
                ? [
                    <Button
                      key="receipt"
                      size="small"
                      type="link"
                      aria-label={`打印 ${v.visitorName} 的受理回执`}
                      onClick={() => navigate('print', { kind: 'receipt', visit: v.id })}
                    >
                      回执
                    </Button>,
                  ]
                : []),
              <Button
                key="correct"
                size="small"
                type="link"
                aria-label={`更正 ${v.visitorName} 的来访登记`}
                onClick={() => setCorrecting(v)}
              >
                更正
              </Button>,
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
            {/* minWidth 0: a long matter shortens to an ellipsis instead of pushing the actions off the card. */}
            <Flex vertical gap={2} style={{ minWidth: 0, flex: 1 }}>
              <Space wrap size={[8, 0]}>
                <Typography.Text type="secondary">{v.arrivedAt.slice(11, 16)}</Typography.Text>
                <Typography.Text strong>{v.visitorName}</Typography.Text>
                {v.organizationName && <Typography.Text>{v.organizationName}</Typography.Text>}
                {v.visitorPhone && <Typography.Text type="secondary">{v.visitorPhone}</Typography.Text>}
                <Tag>{v.headcount} 人</Tag>
                <CorrectionsLink visitId={v.id} count={v.correctionCount} />
                {caseRules && v.headcount >= caseRules.collectiveHeadcount && <Tag color="volcano">集体访</Tag>}
              </Space>
              {v.matters.map((m) => (
                <Flex key={m.id} gap={4} align="start" style={{ minWidth: 0 }}>
                  {m.type === 'consultation' ? (
                    <Tag color="default" style={{ marginInlineEnd: 0, flex: 'none' }}>
                      咨询
                    </Tag>
                  ) : (
                    <IssueTag number={m.issueNumber} status={m.issueStatus} issueId={m.issueId} />
                  )}
                  <Typography.Text ellipsis={{ tooltip: m.content }} style={{ flex: 1, minWidth: 0 }}>
                    [{m.categoryName}] {m.content}
                  </Typography.Text>
                </Flex>
              ))}
            </Flex>
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
      {correcting && (
        <CorrectVisitModal
          // The day's list read again after a refusal as stale: the form saves over the visit as it now stands.
          visit={visits.query.data?.rows.find((r) => r.id === correcting.id) ?? correcting}
          onStale={visits.query.reload}
          onClose={() => setCorrecting(null)}
          onSaved={() => {
            setCorrecting(null)
            onChanged()
          }}
        />
      )}
    </Card>
  )
}
