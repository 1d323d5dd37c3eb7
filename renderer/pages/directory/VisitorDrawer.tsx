import { Button, Space, Tag, Tooltip, Typography } from 'antd'
import { useState, type ReactNode } from 'react'
import type { RevealField, Visitor } from '../../../electron/contract/types'
import { api } from '../../api'
import { useOperator } from '../../lib/operator'
import { useQuery } from '../../lib/useQuery'
import { HistoryDrawer } from './HistoryDrawer'
import type { MergeSide } from './MergeModal'
import { RevealModal } from './RevealModal'

interface Props {
  id: number
  version: number
  onEdit: (v: Visitor) => void
  onMerge: (side: MergeSide) => void
  onPickOrganization: (id: number) => void
  onClose: () => void
}

/**
 * A visitor's whole history. Phone and ID number are shown masked, as everywhere on screen; a
 * 负责人 may see one in full in a dialog, for a stated reason that goes to the audit log.
 */
export function VisitorDrawer({ id, version, onEdit, onMerge, onPickOrganization, onClose }: Props) {
  const h = useQuery(() => api.visitorHistory({ id }), [id, version])
  const data = h.data?.visitor.id === id ? h.data : undefined
  const v = data?.visitor
  const { operator } = useOperator()
  const supervisor = operator?.role === 'supervisor' && operator.id !== null
  const [revealing, setRevealing] = useState<RevealField | null>(null)

  // Masked as everywhere; a 负责人 may look at the full number, for a reason, in a dialog.
  const masked = (value: string | null, field: RevealField): ReactNode =>
    value ? (
      <Space size={4} wrap>
        <span>{value}</span>
        <Tooltip title={supervisor ? '说明原因后查看，记入审计日志' : '须由负责人登录后查看'}>
          <Button
            size="small"
            type="link"
            disabled={!supervisor}
            onClick={() => setRevealing(field)}
            aria-label={field === 'phone' ? '查看完整联系电话' : '查看完整身份证号'}
          >
            查看完整号码
          </Button>
        </Tooltip>
      </Space>
    ) : (
      '—'
    )

  return (
    <HistoryDrawer
      title={
        v ? (
          <Space>
            {v.name}
            {v.kind === 'enterprise' ? <Tag color="blue">企业</Tag> : <Tag color="green">群众</Tag>}
          </Space>
        ) : (
          '来访人'
        )
      }
      error={h.error}
      show="organization"
      onClose={onClose}
      content={
        v && data
          ? {
              openIssues: data.openIssues,
              visits: data.visits,
              visitCount: data.visitCount,
              onEdit: () => onEdit(v),
              onMerge: () =>
                onMerge({
                  id: v.id,
                  name: v.name,
                  detail: [v.phone, v.organizationName].filter(Boolean).join(' · ') || null,
                  visitCount: data.visitCount,
                }),
              items: [
                { key: 'phone', label: '联系电话', children: masked(v.phone, 'phone') },
                { key: 'id', label: '身份证号', children: masked(v.idNumber, 'idNumber') },
                {
                  key: 'org',
                  label: '所属企业',
                  span: 2,
                  children:
                    v.organizationId && v.organizationName ? (
                      <Typography.Link onClick={() => v.organizationId && onPickOrganization(v.organizationId)}>
                        {v.organizationName}
                      </Typography.Link>
                    ) : (
                      '—'
                    ),
                },
                { key: 'visits', label: '来访', children: `${data.visitCount} 次` },
                { key: 'address', label: '住址', children: v.address ?? '—' },
                ...(v.note ? [{ key: 'note', label: '备注', children: v.note, span: 2 }] : []),
              ],
            }
          : undefined
      }
    >
      {v && revealing && <RevealModal key={`${v.id}-${revealing}`} visitor={v} field={revealing} onClose={() => setRevealing(null)} />}
    </HistoryDrawer>
  )
}
