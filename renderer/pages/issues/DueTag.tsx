import type { DueState, OverdueBy } from '../../../electron/contract/types'
import { PlainTag } from '../../components/PlainTag'

/**
 * 超期 N 工作日 (or N 天, for a deadline in calendar days) in red, 即将到期 in orange, 暂定 for a
 * deadline counted before the year's holiday arrangement; nothing for an issue on time or closed.
 * Plain tags, the 暂定 one explained in its title: the ledger draws one of these per row.
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
        <PlainTag color="red">{overdueBy ? `超期 ${overdueBy.count} ${overdueBy.workdays ? '工作日' : '天'}` : '已超期'}</PlainTag>
      )}
      {state === 'due_soon' && <PlainTag color="orange">即将到期</PlainTag>}
      {provisional && (
        <PlainTag color="gold" title="办结时限跨入尚未录入国务院放假安排的年份，暂按法定节假日推算；录入放假安排后自动重算">
          暂定
        </PlainTag>
      )}
    </>
  )
}
