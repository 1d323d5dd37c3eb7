import { assertSupervisor } from '../../db/core/access'
import { auditChainStatus, listAudit } from '../../db/audit/log'
import { exportAuditCsv } from '../../db/export'
import { ledgerContext } from './ledger-context'
import { chooseSavePath, CSV } from './save-target'
import type { Handlers } from './types'

export const auditHandlers = {
  'audit-list': (state, input) => listAudit(ledgerContext(state), input),
  'audit-verify': (state) => auditChainStatus(ledgerContext(state), state.ledger),
  'audit-export': async (state, input) => {
    // Refused before the dialog opens: a desk clerk should not be asked where to save.
    await assertSupervisor(ledgerContext(state), '导出审计日志')
    const span = input.from || input.to ? `${input.from ?? '开始'}至${input.to ?? '今'}` : '全部'
    const file = await chooseSavePath(state, `审计日志-${span}.csv`, CSV)
    if (file === null) return null
    return exportAuditCsv(ledgerContext(state), { from: input.from, to: input.to, file })
  },
} satisfies Partial<Handlers>
