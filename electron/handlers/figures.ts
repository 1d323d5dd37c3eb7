import { today } from '../../db/core/context'
import { monthlySummary } from '../../db/figures/month'
import { yearlySummary } from '../../db/figures/year'
import { monthlyReport } from '../../db/print/sheets'
import { ledgerContext } from './ledger-context'
import type { Handlers } from './types'

export const figuresHandlers = {
  'summary-month': (state, input) => monthlySummary(state.ledger.db, input.month, today(ledgerContext(state))),
  'summary-year': (state, input) => yearlySummary(state.ledger.db, input.year),
  'report-month': (state, input) => monthlyReport(state.ledger.db, input.month, today(ledgerContext(state))),
} satisfies Partial<Handlers>
