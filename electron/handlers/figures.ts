import { today } from '../../db/core/context'
import { closeMonth, reopenMonth } from '../../db/figures/close'
import { monthlySummary } from '../../db/figures/month'
import { firstRecordDate } from '../../db/figures/queries'
import { monthlyReport, periodReport } from '../../db/figures/report'
import { yearlySummary } from '../../db/figures/year'
import { ledgerContext } from './ledger-context'
import type { Handlers } from './types'

export const figuresHandlers = {
  'summary-month': (state, input) => monthlySummary(state.ledger.db, input.month, today(ledgerContext(state))),
  'summary-year': (state, input) => yearlySummary(state.ledger.db, input.year),
  'summary-period': (state, input) => periodReport(state.ledger.db, input.from, input.to, today(ledgerContext(state))),
  'summary-first-record': async (state) => ({ date: await firstRecordDate(state.ledger.db) }),
  'report-month': (state, input) => monthlyReport(state.ledger.db, input.month, today(ledgerContext(state))),
  'month-close': async (state, input) => {
    const ctx = ledgerContext(state)
    await closeMonth(ctx, input)
    return monthlyReport(ctx.db, input.month, today(ctx))
  },
  'month-reopen': async (state, input) => {
    const ctx = ledgerContext(state)
    await reopenMonth(ctx, input)
    return monthlyReport(ctx.db, input.month, today(ctx))
  },
} satisfies Partial<Handlers>
