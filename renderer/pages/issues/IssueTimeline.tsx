import { Alert, Button, Timeline, Typography } from 'antd'
import { useState } from 'react'
import type { IssueAttachment, TimelineEntry } from '../../../electron/contract/types'
import { api } from '../../api'

const COLOR: Record<TimelineEntry['kind'], string> = {
  history: 'blue',
  progress: 'green',
  supervision: 'red',
  extension: 'orange',
  callback: 'purple',
  correction: 'gray',
  attachment: 'cyan',
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`
}

/** The app opens the file in the system viewer; the browser preview answers with a download instead. */
async function openAttachment(a: IssueAttachment): Promise<void> {
  const { downloadUrl } = await api.issueAttachmentOpen({ attachmentId: a.id })
  if (downloadUrl === null) return
  const link = document.createElement('a')
  link.href = downloadUrl
  link.download = a.originalName
  document.body.append(link)
  link.click()
  link.remove()
}

/** The issue's history, progress, supervision, extensions, callbacks and files, oldest first. */
export function IssueTimeline({ entries }: { entries: TimelineEntry[] }) {
  const [error, setError] = useState<string | null>(null)
  const open = (a: IssueAttachment) => {
    setError(null)
    openAttachment(a).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
  }
  return (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} closable={{ onClose: () => setError(null) }} />}
      <Timeline
        items={entries.map((e, i) => ({
          key: `${e.kind}-${e.at}-${i}`,
          color: COLOR[e.kind],
          content: (
            <>
              <Typography.Text strong>{e.title}</Typography.Text>
              {e.attachment && (
                <div>
                  <Typography.Text type="secondary">{sizeText(e.attachment.size)}</Typography.Text>
                  <Button type="link" size="small" onClick={() => e.attachment && open(e.attachment)}>
                    打开
                  </Button>
                </div>
              )}
              {e.text && <Typography.Paragraph style={{ margin: '2px 0', whiteSpace: 'pre-wrap' }}>{e.text}</Typography.Paragraph>}
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {e.at.slice(0, 16)}
                  {e.actorName ? ` · ${e.actorName}` : ''}
                </Typography.Text>
              </div>
            </>
          ),
        }))}
      />
    </>
  )
}
