import type { Ledger } from '../../db/core/open'
import { registerVisit } from '../../db/visits/register'
import type { Session } from '../../shared/types'
import { openDay } from './desk'
import type { Fixture, TestLedger } from './temp-ledger'

// The four issues (and one consultation) the search suites look for, on either engine.

export const CODE_A = '91350100M000100Y43'
export const TEXT = {
  A: '西岭村小河沟出现黑臭水体，周边居民反映强烈',
  B: '城东工业园区某化工企业夜间排放刺鼻气体',
  C: '搅拌站夜间施工噪声扰民',
  D: '排口标牌写着 "50%_达标" (AND) OR NOT 说明*',
}

export interface SearchRecords {
  day: Session
  ids: Record<'A' | 'B' | 'C' | 'D', number>
  /** Registers one more issue on the day; its id. */
  issue(
    visitor: { name: string; phone?: string },
    content: string,
    place: string | null,
    organization?: { name: string; creditCode?: string },
  ): Promise<number>
}

export async function seedSearchRecords(t: TestLedger<Ledger>, f: Fixture): Promise<SearchRecords> {
  const day = await openDay(t, f, '2026-11-10')
  const issue: SearchRecords['issue'] = async (visitor, content, place, organization) => {
    const v = await registerVisit(t.ctx, {
      sessionId: day.id,
      visitor: { ...visitor, kind: organization ? 'enterprise' : 'resident' },
      organization: organization ?? null,
      headcount: 1,
      matters: [{ type: 'issue', categoryId: f.category('大气').id, content, place }],
    })
    const id = v.matters[0]?.issueId
    if (!id) throw new Error('no issue')
    return id
  }
  const ids = {
    A: await issue({ name: '张桂芳', phone: '13812345678' }, TEXT.A, '西岭村'),
    B: await issue({ name: '陈志强' }, TEXT.B, '城东工业园', { name: '青山化工有限公司', creditCode: CODE_A }),
    C: await issue({ name: '刘洋' }, TEXT.C, '河滨路'),
    D: await issue({ name: '周敏' }, TEXT.D, null),
  }
  // A consultation is not an issue: it must never come back as one.
  await registerVisit(t.ctx, {
    sessionId: day.id,
    visitor: { name: '孙丽', kind: 'resident' },
    headcount: 1,
    matters: [
      { type: 'consultation', categoryId: f.category('大气').id, content: '夜间施工噪声向哪里投诉', answer: '已告知向住建部门反映' },
    ],
  })
  return { day, ids, issue }
}

/**
 * 220 issues whose text begins 水体 and goes on in 220 ways: more trigrams beginning with one
 * pair than the index's vocabulary lookup takes.
 */
export async function registerCommonPairIssues(t: TestLedger<Ledger>, f: Fixture, day: Session): Promise<void> {
  for (let v = 0; v < 11; v++) {
    await registerVisit(t.ctx, {
      sessionId: day.id,
      visitor: { name: `来访人${v}`, kind: 'resident' },
      headcount: 1,
      matters: Array.from({ length: 20 }, (_, k) => ({
        type: 'issue' as const,
        categoryId: f.category('水').id,
        content: `水体${String.fromCharCode(0x4e00 + v * 20 + k)}异常`,
      })),
    })
  }
}
