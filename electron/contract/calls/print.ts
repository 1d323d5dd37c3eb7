import { z } from 'zod'
import type { HandoverSheet, ReceiptSheet, RecoverySheet } from '../../../shared/types'
import { call, type AnyCallSpec } from '../define'
import { noInput } from './common'
import type { PrintOutcome } from '../results'

export const printHandoverInput = z
  .object({ issueIds: z.array(z.number().int().positive()).min(1).max(500).optional(), sessionId: z.number().int().positive().optional() })
  .strict()
  .refine((v) => v.issueIds !== undefined || v.sessionId !== undefined, '请指定要打印交办单的问题或接待日')

export const printReceiptInput = z.object({ visitId: z.number().int().positive() }).strict()

export const printPageInput = z.object({ mode: z.enum(['print', 'pdf']), fileName: z.string().min(1).max(120) }).strict()

export const printCalls = {
  'print-handover': call(printHandoverInput).returns<HandoverSheet[]>(),
  'print-receipt': call(printReceiptInput).returns<ReceiptSheet>(),
  'print-page': call(printPageInput).returns<PrintOutcome>(),
  // The A4 recovery sheet's facts (a supervisor's act, audited); the passphrase itself is what the supervisor has just typed.
  'print-recovery-sheet': call(noInput).returns<RecoverySheet>(),
} satisfies Record<`${string}-${string}`, AnyCallSpec>
