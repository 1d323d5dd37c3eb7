import { z } from 'zod'
import type { AuditChainStatus, AuditPage, ExportResult } from '../../../shared/types'
import { call, type AnyCallSpec } from '../define'
import { noInput, id, isoDate, text } from './common'

export const auditListInput = z
  .object({
    page: z.number().int().positive().optional(),
    pageSize: z.number().int().positive().max(500).optional(),
    entity: text(40).optional(),
    entityId: id.optional(),
    actorId: id.optional(),
    action: text(40).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .strict()

export const auditExportInput = z.object({ from: isoDate.optional(), to: isoDate.optional() }).strict()

export const auditCalls = {
  'audit-list': call(auditListInput).returns<AuditPage>(),
  'audit-verify': call(noInput).returns<AuditChainStatus>(),
  'audit-export': call(auditExportInput).returns<ExportResult | null>(),
} satisfies Record<`${string}-${string}`, AnyCallSpec>
