import { Timeline, Typography } from 'antd'
import type { TimelineEntry } from '../../../electron/contract/types'

const COLOR: Record<TimelineEntry['kind'], string> = {
  history: 'blue',
  progress: 'green',
  supervision: 'red',
  extension: 'orange',
  callback: 'purple',
  correction: 'gray',
  attachment: 'cyan',
}

/** The issue's history, progress, supervision, extensions and callbacks, oldest first. */
export function IssueTimeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <Timeline
      items={entries.map((e, i) => ({
        key: `${e.kind}-${e.at}-${i}`,
        color: COLOR[e.kind],
        content: (
          <>
            <Typography.Text strong>{e.title}</Typography.Text>
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
  )
}
