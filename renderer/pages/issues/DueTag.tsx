import { Tag, Tooltip } from 'antd'
import type { DueState } from '../../../electron/contract/types'

/** 已超期 in red, 即将到期 in orange; nothing for an issue on time or no longer open. */
export function DueTag({ state, provisional = false }: { state: DueState; provisional?: boolean }) {
  return (
    <>
      {state === 'overdue' && <Tag color="red">已超期</Tag>}
      {state === 'due_soon' && <Tag color="orange">即将到期</Tag>}
      {provisional && (
        <Tooltip title="办结时限跨入尚未录入国务院放假安排的年份，暂按法定节假日推算；录入放假安排后自动重算">
          <Tag color="gold">暂定</Tag>
        </Tooltip>
      )}
    </>
  )
}
