import { Space, Tag, Typography } from 'antd'
import type { Organization } from '../../../electron/contract/types'
import { api } from '../../api'
import { useQuery } from '../../lib/useQuery'
import { Complaints } from './Complaints'
import { HistoryDrawer } from './HistoryDrawer'
import type { MergeSide } from './MergeModal'

interface Props {
  id: number
  version: number
  onEdit: (o: Organization) => void
  onMerge: (side: MergeSide) => void
  onPickVisitor: (id: number) => void
  onClose: () => void
}

/** An enterprise's whole history: its people, issues still open, every visit, and the complaints about it. */
export function OrganizationDrawer({ id, version, onEdit, onMerge, onPickVisitor, onClose }: Props) {
  const h = useQuery(() => api.organizationHistory({ id }), [id, version])
  const data = h.data?.organization.id === id ? h.data : undefined
  const o = data?.organization
  return (
    <HistoryDrawer
      title={o ? o.name : '企业'}
      error={h.error}
      show="visitor"
      onClose={onClose}
      content={
        o && data
          ? {
              openIssues: data.openIssues,
              visits: data.visits,
              visitCount: data.visitCount,
              onEdit: () => onEdit(o),
              onMerge: () => onMerge({ id: o.id, name: o.name, detail: o.creditCode, visitCount: data.visitCount }),
              items: [
                {
                  key: 'code',
                  label: '统一社会信用代码',
                  children: o.creditCode ?? <Typography.Text type="secondary">未登记</Typography.Text>,
                  span: 2,
                },
                { key: 'industry', label: '所属行业', children: o.industry ?? '—' },
                { key: 'visits', label: '来访', children: `${data.visitCount} 次，${data.personTimes} 人次` },
                { key: 'address', label: '地址', children: o.address ?? '—', span: 2 },
                ...(o.note ? [{ key: 'note', label: '备注', children: o.note, span: 2 }] : []),
                {
                  key: 'people',
                  label: '来访人',
                  span: 2,
                  children:
                    data.visitors.length > 0 ? (
                      <Space size={[4, 4]} wrap>
                        {data.visitors.map((v) => (
                          <Tag key={v.id} color="blue" style={{ cursor: 'pointer' }} onClick={() => onPickVisitor(v.id)}>
                            {v.name}
                            {v.phone ? ` ${v.phone}` : ''}
                          </Tag>
                        ))}
                      </Space>
                    ) : (
                      '—'
                    ),
                },
              ],
            }
          : undefined
      }
    >
      {data && <Complaints issues={data.complaints} total={data.complaintCount} />}
    </HistoryDrawer>
  )
}
