import { Alert, Form, Radio, Space, Tag, Typography } from 'antd'
import type { RepeatCandidate } from '../../../../electron/contract/types'
import { api } from '../../../api'
import { ISSUE_STATUS, ISSUE_STATUS_COLOR } from '../../../lib/labels'
import { useDebounced } from '../../../lib/useDebounced'
import { useQuery } from '../../../lib/useQuery'
import './case-file.css'

const MATCHED: Record<RepeatCandidate['matchedBy'][number], string> = { subject: '同一企业', place: '同一点位', visitor: '同一来访人' }

interface Props {
  /** The matter's index in the form's `matters`. */
  index: number
  /** A returning visitor picked at the desk. */
  visitorId?: number | undefined
  /** The day the issue is registered for; today when left out. */
  date?: string | undefined
}

/**
 * 重复件: while the desk types an issue, the earlier issues of the same category about the same
 * enterprise or 点位, or from the same visitor, within 设置's window; one may be chosen as the
 * issue this one repeats.
 */
export function RepeatWarning({ index, visitorId, date }: Props) {
  const form = Form.useFormInstance()
  const path = ['matters', index]
  const categoryId: unknown = Form.useWatch([...path, 'categoryId'], form)
  const subjectId: unknown = Form.useWatch([...path, 'subjectId'], form)
  const subjectName: unknown = Form.useWatch([...path, 'subjectName'], form)
  const place: unknown = Form.useWatch([...path, 'place'], form)
  const q = useDebounced(
    {
      categoryId: typeof categoryId === 'number' ? categoryId : null,
      subjectOrganizationId: typeof subjectId === 'number' ? subjectId : null,
      subjectName: typeof subjectName === 'string' && subjectName.trim().length >= 2 ? subjectName.trim() : null,
      place: typeof place === 'string' && place.trim().length >= 2 ? place.trim() : null,
    },
    300,
  )
  const found = useQuery(async () => {
    if (q.categoryId === null) return null
    if (q.subjectOrganizationId === null && q.subjectName === null && q.place === null && visitorId === undefined) return null
    return api.issueRepeatCandidates({
      categoryId: q.categoryId,
      subjectOrganizationId: q.subjectOrganizationId,
      subjectName: q.subjectName,
      place: q.place,
      visitorId: visitorId ?? null,
      ...(date ? { date } : {}),
    })
  }, [q.categoryId, q.subjectOrganizationId, q.subjectName, q.place, visitorId, date])
  const rows = found.data?.rows ?? []
  if (rows.length === 0) return null
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginTop: 8 }}
      title={`可能是重复件：${found.data?.windowDays ?? ''} 日内有 ${rows.length} 个同类问题`}
      description={
        <Form.Item name={[index, 'repeatOfId']} noStyle initialValue={null}>
          <Radio.Group aria-label="关联重复件" style={{ width: '100%' }}>
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              {rows.map((r) => (
                <Radio key={r.id} value={r.id} className="repeat-choice">
                  <span className="repeat-choice-line">
                    <span>{r.number}</span>
                    <Tag color={ISSUE_STATUS_COLOR[r.status]}>{ISSUE_STATUS[r.status]}</Tag>
                    <Typography.Text type="secondary">{r.acceptedDate}</Typography.Text>
                    <Typography.Text ellipsis={{ tooltip: r.content }} style={{ flex: 1, minWidth: 0 }}>
                      {r.subjectName ?? r.place ?? ''} {r.content}
                    </Typography.Text>
                    <Typography.Text type="secondary">{r.matchedBy.map((m) => MATCHED[m]).join('、')}</Typography.Text>
                  </span>
                </Radio>
              ))}
              <Radio value={null}>不是重复件</Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
      }
    />
  )
}
