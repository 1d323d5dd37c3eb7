import { Tag, Tooltip } from 'antd'
import type { DueState, OverdueBy } from '../../../electron/contract/types'

/**
 * 超期 N 工作日 (or N 天, for a deadline in calendar days) in red, 即将到期 in orange, 暂定 for a
 * deadline counted before the year's holiday arrangement; nothing for an issue on time or closed.
 */
export function DueTag({
  state,
  provisional = false,
  overdueBy = null,
}: {
  state: DueState
  provisional?: boolean
  overdueBy?: OverdueBy | null
}) {
  return (
    <>
      {state === 'overdue' && (
        <Tag color="red">{overdueBy ? `超期 ${overdueBy.count} ${overdueBy.workdays ? '工作日' : '天'}` : '已超期'}</Tag>
      )}
      {state === 'due_soon' && <Tag color="orange">即将到期</Tag>}
      {provisional && (
        <Tooltip title="办结时限跨入尚未录入国务院放假安排的年份，暂按法定节假日推算；录入放假安排后自动重算">
          <Tag color="gold">暂定</Tag>
        </Tooltip>
      )}
    </>
  )
}
