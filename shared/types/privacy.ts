// Personal data shown in full on request, and voiding a record (db/privacy/, db/visits/voids.ts).

export type { RevealField } from '../codes/privacy'
import type { RevealField } from '../codes/privacy'

export interface RevealedValue {
  visitorId: number
  field: RevealField
  /** The full, unmasked value. Show it briefly; never store it in the page. */
  value: string
}

export interface VoidResult {
  entity: 'visit' | 'session'
  id: number
  voidedAt: string
  reason: string
  /** Ledger numbers of the issues that went out of lists and figures with the visit. */
  issueNumbers: string[]
}
