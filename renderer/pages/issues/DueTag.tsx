import { Tag } from 'antd'
import type { DueState } from '../../../electron/contract/types'

/** 已超期 in red, 即将到期 in orange; nothing for an issue on time or no longer open. */
export function DueTag({ state }: { state: DueState }) {
  if (state === 'overdue') return <Tag color="red">已超期</Tag>
  if (state === 'due_soon') return <Tag color="orange">即将到期</Tag>
  return null
}
