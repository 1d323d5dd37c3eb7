import { Alert, Button, Descriptions, Drawer, Space, Tag, Typography } from 'antd'
import type { Organization } from '../../../db/types'
import { api } from '../../api'
import { useQuery } from '../../lib/useQuery'
import { OpenIssues, VisitHistory } from './History'
import type { MergeSide } from './MergeModal'

interface Props {
  id: number
  version: number
  onEdit: (o: Organization) => void
  onMerge: (side: MergeSide) => void
  onPickVisitor: (id: number) => void
  onClose: () => void
}

/** An enterprise's whole history: its people, issues still open, and every visit. */
export function OrganizationDrawer({ id, version, onEdit, onMerge, onPickVisitor, onClose }: Props) {
  const h = useQuery(() => api.organizationHistory({ id }), [id, version])
  const data = h.data?.organization.id === id ? h.data : undefined
  const o = data?.organization
  const people = data ? data.visits.reduce((n, v) => n + v.headcount, 0) : 0
  return (
    <Drawer
      open
      size={780}
      onClose={onClose}
      title={o ? o.name : '企业'}
      extra={
        o &&
        data && (
          <Space>
            <Button onClick={() => onEdit(o)}>修改信息</Button>
            <Button onClick={() => onMerge({ id: o.id, name: o.name, detail: o.creditCode, visitCount: data.visits.length })}>合并重复记录</Button>
          </Space>
        )
      }
    >
      {h.error && <Alert type="error" showIcon title={h.error} />}
      {o && data && (
        <>
          <Descriptions
            size="small"
            bordered
            column={2}
            items={[
              { key: 'code', label: '统一社会信用代码', children: o.creditCode ?? <Typography.Text type="secondary">未登记</Typography.Text>, span: 2 },
              { key: 'industry', label: '所属行业', children: o.industry ?? '—' },
              { key: 'visits', label: '来访', children: `${data.visits.length} 次，${people} 人次` },
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
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            未办结问题（{data.openIssues.length}）
          </Typography.Title>
          <OpenIssues issues={data.openIssues} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            来访记录
          </Typography.Title>
          <VisitHistory visits={data.visits} show="visitor" />
        </>
      )}
    </Drawer>
  )
}
