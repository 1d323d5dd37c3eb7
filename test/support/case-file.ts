import type { Ledger } from '../../db/core/open'
import { saveLocality } from '../../db/reference/localities'
import { registerVisit, type MatterInput } from '../../db/visits/register'
import type { OrganizationInput } from '../../db/directory/records'
import type { Locality } from '../../shared/types'
import { residentVisit } from './desk'
import type { Fixture, TestLedger } from './temp-ledger'

// The case file's set-up for tests: a county's 乡镇/街道 and issues registered about an enterprise or a place.

export const GREEN_RIVER = { name: '青河化工有限公司', creditCode: '91350100M000100Y43' } as const

/** Three 属地 as an office would enter them. */
export async function seedLocalities(t: TestLedger<Ledger>): Promise<Locality[]> {
  const out: Locality[] = []
  for (const [i, name] of ['城关镇', '东城街道', '河口乡'].entries()) out.push(await saveLocality(t.ctx, { name, sortOrder: i }))
  return out
}

export interface ComplaintOptions {
  content?: string
  category?: string
  subject?: OrganizationInput | null
  place?: string | null
  localityId?: number | null
  repeatOfId?: number | null
  visitor?: { id?: number; name: string; phone?: string | null }
  headcount?: number
}

/** One visit raising one issue with its case file; the issue's id, number and the visitor's id. */
export async function registerComplaint(
  t: TestLedger<Ledger>,
  f: Fixture,
  sessionId: number,
  o: ComplaintOptions = {},
): Promise<{ issueId: number; number: string; visitorId: number; visitId: number }> {
  const matter: MatterInput = {
    type: 'issue',
    categoryId: f.category(o.category ?? '大气').id,
    content: o.content ?? '夜间排放刺鼻废气',
    place: o.place === undefined ? '城东工业园' : o.place,
    subject: o.subject === undefined ? GREEN_RIVER : o.subject,
    localityId: o.localityId ?? null,
    repeatOfId: o.repeatOfId ?? null,
  }
  const visit = await registerVisit(
    t.ctx,
    residentVisit(sessionId, {
      visitor: { kind: 'resident', ...(o.visitor ?? { name: '张桂芳', phone: '13812345678' }) },
      headcount: o.headcount ?? 1,
      matters: [matter],
    }),
  )
  const m = visit.matters[0]
  if (!m?.issueId || !m.issueNumber) throw new Error('no issue registered')
  return { issueId: m.issueId, number: m.issueNumber, visitorId: visit.visitorId, visitId: visit.id }
}
