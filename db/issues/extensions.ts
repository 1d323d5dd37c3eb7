import { sql } from 'kysely'
import { today, type LedgerContext, type Tx } from '../core/context'
import { LedgerError } from '../core/errors'
import type { IssueRow } from '../core/schema'
import { getCaseRules } from '../reference/case-rules'
import { loadCalendar } from './deadlines'

// 延期 as an office grants it: approved by a supervisor (see extensionApprover: not whoever is at the
// desk, and only by their own PIN), at most 设置's number of times, never past the first deadline plus 设置's ceiling in working
// days, onto a working day. One granted after the deadline had already passed is 超期后延期: the
// new date stands for the work, but the issue was overdue and 按期办结率 says so.

/**
 * The office's limits on one more extension of `issue` to `newDue` (the approver is checked by the
 * caller, who knows who is signed in); true when it is granted after the deadline in force passed.
 */
export async function checkExtension(trx: Tx, ctx: LedgerContext, issue: IssueRow, newDue: string): Promise<boolean> {
  if (newDue <= issue.due_date) throw new LedgerError('invalid_date', `新的办结时限须晚于原时限 ${issue.due_date}`)
  const rules = await getCaseRules(trx)
  const earlier = await trx.selectFrom('extensions').select(['old_due_date']).where('issue_id', '=', issue.id).orderBy('id').execute()
  if (earlier.length >= rules.maxExtensions) {
    throw new LedgerError(
      'extension_limit',
      rules.maxExtensions === 0
        ? '按本局设置，问题不能延期'
        : `问题 ${issue.number} 已延期 ${earlier.length} 次，按本局设置最多延期 ${rules.maxExtensions} 次`,
    )
  }
  const calendar = await loadCalendar(trx)
  if (!calendar.isWorkday(newDue)) throw new LedgerError('invalid_date', `新的办结时限 ${newDue} 不是工作日，请选择工作日`)
  const firstDue = earlier[0]?.old_due_date ?? issue.due_date
  const ceiling = calendar.addWorkdays(firstDue, rules.extensionCeilingWorkdays)
  if (newDue > ceiling) {
    throw new LedgerError(
      'extension_limit',
      `延期后的办结时限不能晚于 ${ceiling}（最初时限 ${firstDue} 后 ${rules.extensionCeilingWorkdays} 个工作日）`,
    )
  }
  return issue.due_date < today(ctx)
}

/**
 * Whether the issue `i` had an extension granted after its deadline passed: such an issue never
 * counts as 按期办结, whatever its last due date.
 */
export function lateExtension() {
  return sql<number>`exists (select 1 from extensions lx where lx.issue_id = i.id and lx.late = 1)`
}
