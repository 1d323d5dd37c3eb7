import { Button, Popover, Spin, Timeline, Typography } from 'antd'
import { useState } from 'react'
import type { Correction } from '../../electron/contract/types'
import { api } from '../api'
import { useQuery } from '../lib/useQuery'

/** One correction as the history shows it: what the field said, what it says now, why, who and when. */
export function CorrectionItem({ c }: { c: Correction }) {
  return (
    <>
      <Typography.Text strong>更正{c.fieldLabel}</Typography.Text>
      <div style={{ whiteSpace: 'pre-wrap' }}>
        <Typography.Text type="secondary">原为：</Typography.Text>
        <Typography.Text delete>{c.before ?? '（空）'}</Typography.Text>
      </div>
      <div style={{ whiteSpace: 'pre-wrap' }}>
        <Typography.Text type="secondary">改为：</Typography.Text>
        {c.after ?? '（空）'}
      </div>
      <div>
        <Typography.Text type="secondary">原因：</Typography.Text>
        {c.reason}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {c.at.slice(0, 16)} · {c.actorName}
      </Typography.Text>
    </>
  )
}

function History({ visitId }: { visitId: number }) {
  const q = useQuery(() => api.visitCorrections({ visitId }), [visitId])
  if (q.loading && !q.data) return <Spin size="small" />
  if (q.error) return <Typography.Text type="danger">{q.error}</Typography.Text>
  return (
    <Timeline
      style={{ maxWidth: 420, maxHeight: 360, overflow: 'auto', paddingTop: 8 }}
      items={(q.data ?? []).map((c) => ({ key: c.id, content: <CorrectionItem c={c} /> }))}
    />
  )
}

/** "已更正 N 次", opening the visit's correction history. */
export function CorrectionsLink({ visitId, count }: { visitId: number; count: number }) {
  const [open, setOpen] = useState(false)
  if (count === 0) return null
  return (
    <Popover title="更正历史" trigger="click" open={open} onOpenChange={setOpen} content={open ? <History visitId={visitId} /> : null}>
      <Button type="link" size="small" style={{ padding: 0, height: 'auto' }}>
        已更正 {count} 次
      </Button>
    </Popover>
  )
}
