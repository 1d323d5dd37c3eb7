import { Descriptions, Space, Typography, type DescriptionsProps } from 'antd'
import type { IssueDetail } from '../../../electron/contract/types'
import { SATISFACTION } from '../../lib/labels'
import { DueTag } from './DueTag'

const dash = (s: string | null | undefined) => (s && s.trim() !== '' ? s : '—')

/** Everything the ledger holds about one issue; the phone arrives masked from main. */
export function IssueFacts({ d }: { d: IssueDetail }) {
  const items: DescriptionsProps['items'] = [
    { key: 'visitor', label: '来访人', children: d.visitorName },
    { key: 'phone', label: '联系电话', children: dash(d.visitorPhone) },
    ...(d.organizationName ? [{ key: 'org', label: '企业（单位）', children: d.organizationName, span: 2 }] : []),
    { key: 'category', label: '问题类别', children: d.categoryName },
    { key: 'place', label: '问题地点', children: dash(d.place) },
    {
      key: 'content',
      label: '反映问题',
      children: <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{d.content}</Typography.Paragraph>,
      span: 2,
    },
    ...(d.answer ? [{ key: 'answer', label: '当场答复', children: d.answer, span: 2 }] : []),
    // A 信访事项 is registered first and accepted by its decision (信访程序 above shows both).
    { key: 'accepted', label: d.procedure === 'petition' ? '登记日期' : '受理日期', children: d.acceptedDate },
    {
      key: 'due',
      label: '办结时限',
      children: (
        <Space size={4}>
          {d.dueDate}
          <DueTag state={d.dueState} provisional={d.dueProvisional} overdueBy={d.overdueBy} />
        </Space>
      ),
    },
    { key: 'session', label: '接待场次', children: dash(d.sessionTitle), span: 2 },
    { key: 'first', label: '首问责任人', children: dash(d.firstContactName) },
    { key: 'leader', label: '包案领导', children: dash(d.leaderName) },
    { key: 'dept', label: '承办股室', children: dash(d.departmentName) },
    { key: 'assignee', label: '责任人', children: dash(d.assigneeName) },
  ]
  if (d.result || d.resolvedDate) {
    items.push(
      {
        key: 'result',
        label: '办理结果',
        children: <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{dash(d.result)}</Typography.Paragraph>,
        span: 2,
      },
      { key: 'resolved', label: '办结日期', children: dash(d.resolvedDate) },
      { key: 'callback', label: '最近回访', children: d.lastSatisfaction ? SATISFACTION[d.lastSatisfaction] : '尚未回访' },
    )
  } else if (d.lastSatisfaction) {
    items.push({ key: 'callback', label: '最近回访', children: SATISFACTION[d.lastSatisfaction], span: 2 })
  }
  if (d.closedDate) items.push({ key: 'closed', label: '销号日期', children: d.closedDate, span: 2 })
  if (d.transferTo) items.push({ key: 'to', label: '转办单位', children: d.transferTo, span: 2 })
  if (d.reason) items.push({ key: 'reason', label: d.status === 'rejected' ? '不予受理理由' : '转办理由', children: d.reason, span: 2 })
  return <Descriptions bordered size="small" column={2} items={items} styles={{ label: { width: 104, whiteSpace: 'nowrap' } }} />
}
