import { Alert, Button, Card, List, Space, Tag, Typography } from 'antd'
import { useEffect, useMemo } from 'react'
import type { IssueListItem, ReturningMatches, VisitSummary } from '../../../electron/contract/types'
import { api } from '../../api'
import { ISSUE_STATUS } from '../../lib/labels'
import { useDebounced } from '../../lib/useDebounced'
import { useQuery } from '../../lib/useQuery'
import type { Chosen, RegistrationValues } from './registration'

type VisitorMatch = ReturningMatches['visitors'][number]
type OrganizationMatch = ReturningMatches['organizations'][number]
export type Choice = { kind: 'visitor'; visitor: VisitorMatch } | { kind: 'organization'; organization: OrganizationMatch }

interface Props {
  values: RegistrationValues | undefined
  chosen: Chosen
  chosenLabel: { visitor?: string; organization?: string }
  onChoose: (c: Choice) => void
  onForget: (what: 'visitor' | 'organization') => void
}

/** What the desk types, turned into the lookups that find a returning visitor or enterprise. */
function queries(values: RegistrationValues | undefined): { person: string; organization: string } {
  const phone = (values?.phone ?? '').replace(/\D/g, '')
  const person = phone.length >= 4 ? phone : (values?.name ?? '').trim()
  const code = (values?.creditCode ?? '').trim()
  const organization = values?.visitorKind === 'enterprise' ? (code.length >= 6 ? code : (values.organizationName ?? '').trim()) : ''
  return { person, organization: organization.length >= 2 ? organization : '' }
}

/** Returning visitors and enterprises as the desk types, with their history once one is picked. */
export function MatchPanel({ values, chosen, chosenLabel, onChoose, onForget }: Props) {
  const q = useDebounced(queries(values), 250)
  const matches = useQuery(async () => {
    const [people, orgs] = await Promise.all([
      q.person && chosen.visitorId === undefined ? api.directoryLookup({ query: q.person }) : null,
      q.organization && chosen.organizationId === undefined ? api.directoryLookup({ query: q.organization }) : null,
    ])
    return { visitors: people?.visitors ?? [], organizations: orgs?.organizations ?? people?.organizations ?? [] }
  }, [q.person, q.organization, chosen.visitorId, chosen.organizationId])

  const choices = useMemo<Choice[]>(() => {
    const list: Choice[] = []
    if (chosen.visitorId === undefined) for (const v of matches.data?.visitors ?? []) list.push({ kind: 'visitor', visitor: v })
    if (chosen.organizationId === undefined && values?.visitorKind === 'enterprise')
      for (const o of matches.data?.organizations ?? []) list.push({ kind: 'organization', organization: o })
    return list.slice(0, 9)
  }, [matches.data, chosen.visitorId, chosen.organizationId, values?.visitorKind])

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (!e.altKey || !/^[1-9]$/.test(e.key)) return
      const c = choices[Number(e.key) - 1]
      if (c) {
        e.preventDefault()
        onChoose(c)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [choices, onChoose])

  return (
    <>
      {chosen.visitorId !== undefined && (
        <VisitorHistoryCard id={chosen.visitorId} label={chosenLabel.visitor ?? ''} onForget={() => onForget('visitor')} />
      )}
      {chosen.organizationId !== undefined && (
        <OrganizationHistoryCard
          id={chosen.organizationId}
          label={chosenLabel.organization ?? ''}
          onForget={() => onForget('organization')}
        />
      )}
      {choices.length > 0 && (
        <Alert
          type="info"
          style={{ marginBottom: 8 }}
          title="可能是以前来过的来访人或企业（Alt+数字 选择）"
          description={
            <Space orientation="vertical" size={2}>
              {choices.map((c, i) => (
                <Button
                  key={`${c.kind}-${c.kind === 'visitor' ? c.visitor.id : c.organization.id}`}
                  size="small"
                  type="link"
                  style={{ padding: 0, height: 'auto' }}
                  onClick={() => onChoose(c)}
                >
                  {`Alt+${i + 1}　`}
                  {c.kind === 'visitor'
                    ? `${c.visitor.name} ${c.visitor.phone ?? ''} ${c.visitor.organizationName ?? ''} · 来访 ${c.visitor.visitCount} 次${c.visitor.openIssueCount > 0 ? ` · 未办结 ${c.visitor.openIssueCount} 个` : ''}`
                    : `${c.organization.name} ${c.organization.creditCode ?? ''} · 来访 ${c.organization.visitCount} 次${c.organization.openIssueCount > 0 ? ` · 未办结 ${c.organization.openIssueCount} 个` : ''}`}
                </Button>
              ))}
            </Space>
          }
        />
      )}
    </>
  )
}

function HistoryCard({
  title,
  onForget,
  visits,
  openIssues,
}: {
  title: string
  onForget: () => void
  visits: VisitSummary[]
  openIssues: IssueListItem[]
}) {
  return (
    <Card
      size="small"
      style={{ marginBottom: 8, background: '#f6ffed' }}
      title={title}
      extra={
        <Button size="small" onClick={onForget}>
          不是此人
        </Button>
      }
    >
      {openIssues.length > 0 && (
        <div style={{ marginBottom: 6 }}>
          <Typography.Text strong>未办结问题：</Typography.Text>
          {openIssues.map((i) => (
            <div key={i.id}>
              <Tag color="orange">{i.number}</Tag>
              {ISSUE_STATUS[i.status]} · {i.content}
            </div>
          ))}
        </div>
      )}
      <List
        size="small"
        dataSource={visits.slice(0, 5)}
        locale={{ emptyText: '没有以往来访' }}
        renderItem={(v) => (
          <List.Item style={{ padding: '2px 0' }}>
            <Typography.Text type="secondary">{v.visitDate}</Typography.Text>　{v.visitorName}　
            {v.matters.map((m) => (m.type === 'issue' ? `${m.issueNumber ?? ''} ${m.content}` : `咨询：${m.content}`)).join('；')}
          </List.Item>
        )}
      />
    </Card>
  )
}

function VisitorHistoryCard({ id, label, onForget }: { id: number; label: string; onForget: () => void }) {
  const h = useQuery(() => api.visitorHistory({ id }), [id])
  return (
    <HistoryCard
      title={`老来访人：${label} · 以往来访 ${h.data?.visitCount ?? '…'} 次`}
      onForget={onForget}
      visits={h.data?.visits ?? []}
      openIssues={h.data?.openIssues ?? []}
    />
  )
}

function OrganizationHistoryCard({ id, label, onForget }: { id: number; label: string; onForget: () => void }) {
  const h = useQuery(() => api.organizationHistory({ id }), [id])
  return (
    <HistoryCard
      title={`老企业：${label} · 以往来访 ${h.data?.visitCount ?? '…'} 次`}
      onForget={onForget}
      visits={h.data?.visits ?? []}
      openIssues={h.data?.openIssues ?? []}
    />
  )
}
