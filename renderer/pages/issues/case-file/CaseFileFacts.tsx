import { Descriptions, Space, Tag, Typography, type DescriptionsProps } from 'antd'
import type { IssueDetail, IssueLink, SectionHandover } from '../../../../electron/contract/types'
import { finding, sectionRole, sectionStatus } from '../../../../shared/codes/case-file'
import { navigate } from '../../../lib/route'
import { measureText } from './measureText'

const STATUS_COLOR: Record<SectionHandover['status'], string> = { pending: 'gold', signed: 'green', returned: 'red', withdrawn: 'default' }

function Links({ links }: { links: IssueLink[] }) {
  return (
    <Space size={8} wrap>
      {links.map((l) => (
        <Typography.Link key={l.id} onClick={() => navigate('issues', { id: l.id })}>
          {l.number}
        </Typography.Link>
      ))}
    </Space>
  )
}

function Section({ s }: { s: SectionHandover }) {
  const answer =
    s.status === 'signed'
      ? `${s.signedDate ?? ''} ${s.signerName ?? ''} 签收`
      : s.status === 'returned'
        ? `退回：${s.returnReason ?? ''}`
        : s.status === 'pending'
          ? `${s.assignedAt.slice(0, 10)} 交办`
          : ''
  return (
    <div style={{ display: 'flex', gap: 6, alignItems: 'baseline' }}>
      <Tag>{sectionRole.label(s.role)}</Tag>
      <Typography.Text delete={s.status === 'withdrawn'}>{s.departmentName}</Typography.Text>
      <Tag color={STATUS_COLOR[s.status]}>{sectionStatus.label(s.status)}</Tag>
      <Typography.Text type="secondary">{answer}</Typography.Text>
    </div>
  )
}

/** The case file in the issue drawer: whom it is about, where, repeats, the sections' answers, what 办结 found and did. */
export function CaseFileFacts({ d }: { d: IssueDetail }) {
  const c = d.caseFile
  const current = c.sections.filter((s) => s.status === 'pending' || s.status === 'signed')
  const past = c.sections.filter((s) => s.status === 'returned' || s.status === 'withdrawn')
  const items: DescriptionsProps['items'] = [
    {
      key: 'subject',
      label: '被反映对象',
      children: c.subject
        ? `${c.subject.name}${c.subject.creditCode ? `（${c.subject.creditCode}）` : ''}`
        : d.place
          ? `点位：${d.place}`
          : '—',
      span: 2,
    },
    { key: 'locality', label: '属地', children: c.localityName ?? '—' },
    {
      key: 'collective',
      label: '来访人数',
      children: (
        <Space size={4}>
          {c.headcount} 人{c.collective && <Tag color="volcano">集体访</Tag>}
        </Space>
      ),
    },
  ]
  if (c.repeatOf || c.repeatedBy.length > 0) {
    items.push({
      key: 'repeat',
      label: '重复件',
      span: 2,
      children: (
        <Space orientation="vertical" size={0}>
          {c.repeatOf && (
            <span>
              重复 <Links links={[c.repeatOf]} />
            </span>
          )}
          {c.repeatedBy.length > 0 && (
            <span>
              此后重复反映 {c.repeatedBy.length} 次：
              <Links links={c.repeatedBy} />
            </span>
          )}
        </Space>
      ),
    })
  }
  if (c.sections.length > 0) {
    items.push({
      key: 'sections',
      label: '主办 / 协办',
      span: 2,
      children: (
        <Space orientation="vertical" size={2} style={{ width: '100%' }}>
          {current.map((s) => (
            <Section key={s.id} s={s} />
          ))}
          {past.map((s) => (
            <Section key={s.id} s={s} />
          ))}
        </Space>
      ),
    })
  }
  if (c.finding || c.measures.length > 0) {
    items.push(
      { key: 'finding', label: '查实情况', children: c.finding ? finding.label(c.finding) : '—', span: 2 },
      { key: 'measures', label: '处理措施', children: c.measures.map(measureText).join('；') || '—', span: 2 },
    )
  }
  if (c.extensionCount > 0) {
    items.push({
      key: 'extensions',
      label: '延期',
      span: 2,
      children: `${c.extensionCount} 次${c.lateExtensionCount > 0 ? `（其中超期后延期 ${c.lateExtensionCount} 次，按超期计）` : ''}`,
    })
  }
  return (
    <Descriptions
      bordered
      size="small"
      column={2}
      items={items}
      style={{ marginTop: 12 }}
      styles={{ label: { width: 104, whiteSpace: 'nowrap' } }}
    />
  )
}
