import { sql } from 'kysely'
import type { Executor } from '../core/context'
import { FOUND_TRUE, finding as findingList, type Finding } from '../../shared/codes/case-file'
import { CONTACT_CHANNELS } from '../../shared/codes/visits'
import { latestResolve } from '../issues/case-file'
import { getCaseRules } from '../reference/case-rules'
import type { CaseFileFigures, LocalityFigure } from '../../shared/types'
import { acceptedCounts, num, type Range } from './queries'
import { percent } from './percent'

/**
 * The case file's figures for [first, nextFirst), defined once (README, 统计口径):
 * - 重复件: issues registered in the period that the desk linked to an earlier one.
 * - 集体访: visits in person (not calls or letters) of 设置's head-count or more, by visit date, and
 *   the people they brought.
 * - 查实情况: of the issues registered in the period and now 办结 or 销号 (the 办结 of the
 *   summary), how many were found 属实, 部分属实, 不属实, 无法查实.
 * - 属实率 = (属实 + 部分属实) ÷ those with a 查实情况.
 * - 责令整改, 立案数 (立案处罚), 移送: of the same issues, those whose latest 办结 records the measure;
 *   罚款金额: the fines of their 立案处罚, in 元.
 * - 超期后延期: extensions granted in the period after the deadline had passed.
 * - By 属地: the period's issues accepted (registered less refused), resolved and found true, per
 *   乡镇/街道; issues without one are counted under 未填属地.
 * Issues of a voided visit never count.
 */
export async function caseFileFigures(db: Executor, r: Range): Promise<CaseFileFigures> {
  const { first, nextFirst } = r
  const rules = await getCaseRules(db)
  const issues = () =>
    db
      .selectFrom('issues as i')
      .innerJoin('matters as m', 'm.id', 'i.matter_id')
      .innerJoin('visits as v', 'v.id', 'm.visit_id')
      .where('i.accepted_date', '>=', first)
      .where('i.accepted_date', '<', nextFirst)
      .where('v.voided_at', 'is', null)
  const resolved = () => issues().where('i.status', 'in', ['resolved', 'closed'])

  const repeats = await issues()
    .select(sql<number>`count(*)`.as('n'))
    .where('i.repeat_of_id', 'is not', null)
    .executeTakeFirstOrThrow()

  const collective = await db
    .selectFrom('visits as v')
    .select([sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(v.headcount), 0)`.as('people')])
    .where('v.visit_date', '>=', first)
    .where('v.visit_date', '<', nextFirst)
    .where('v.voided_at', 'is', null)
    .where('v.channel', 'not in', CONTACT_CHANNELS)
    .where('v.headcount', '>=', rules.collectiveHeadcount)
    .executeTakeFirstOrThrow()

  const findingRows = await resolved()
    .select(['i.finding', sql<number>`count(*)`.as('n')])
    .where('i.finding', 'is not', null)
    .groupBy('i.finding')
    .execute()
  const findings: Record<Finding, number> = { verified: 0, partly_verified: 0, unfounded: 0, unverifiable: 0 }
  for (const r of findingRows) if (r.finding !== null && findingList.has(r.finding)) findings[r.finding] = num(r.n)
  const withFinding = Object.values(findings).reduce((a, b) => a + b, 0)
  const foundTrue = FOUND_TRUE.reduce((a, f) => a + findings[f], 0)

  const measures = await resolved()
    .innerJoin('issue_measures as im', (j) => j.onRef('im.issue_id', '=', 'i.id').on('im.history_id', '=', latestResolve()))
    .select([
      sql<number>`count(distinct case when im.kind = 'rectify' then i.id end)`.as('rectify'),
      sql<number>`count(distinct case when im.kind = 'penalty' then i.id end)`.as('penalty'),
      sql<number>`count(distinct case when im.kind = 'referral' then i.id end)`.as('referral'),
      sql<number>`coalesce(sum(case when im.kind = 'penalty' then im.fine_fen end), 0)`.as('fine_fen'),
    ])
    .executeTakeFirstOrThrow()

  const late = await db
    .selectFrom('extensions as e')
    .innerJoin('issues as i', 'i.id', 'e.issue_id')
    .innerJoin('matters as m', 'm.id', 'i.matter_id')
    .innerJoin('visits as v', 'v.id', 'm.visit_id')
    .select(sql<number>`count(*)`.as('n'))
    .where('e.late', '=', 1)
    .where(sql<string>`substr(e.created_at, 1, 10)`, '>=', first)
    .where(sql<string>`substr(e.created_at, 1, 10)`, '<', nextFirst)
    .where('v.voided_at', 'is', null)
    .executeTakeFirstOrThrow()

  // 属地 is one of the issue dimensions of every breakdown (db/figures/queries.ts); 属实 is the case file's own.
  const accepted = await acceptedCounts(db, r, 'all', 'locality')
  const verified = await resolved()
    .select(['i.locality_id', sql<number>`count(*)`.as('n')])
    .where('i.finding', 'in', FOUND_TRUE)
    .groupBy('i.locality_id')
    .execute()
  const localities = await db.selectFrom('localities').select(['id', 'name']).orderBy('sort_order').orderBy('id').execute()
  const byLocality: LocalityFigure[] = [...localities, { id: null, name: '未填属地' }]
    .map((l) => {
      const a = accepted.find((x) => x.key === l.id)
      return {
        localityId: l.id,
        localityName: l.name,
        issuesAccepted: a ? num(a.registered) - num(a.rejected) : 0,
        issuesResolved: num(a?.resolved),
        verified: num(verified.find((x) => x.locality_id === l.id)?.n),
      }
    })
    .filter((l) => l.issuesAccepted > 0 || l.issuesResolved > 0)

  return {
    repeats: num(repeats.n),
    collectiveVisits: num(collective.n),
    collectivePersonTimes: num(collective.people),
    collectiveHeadcount: rules.collectiveHeadcount,
    findings,
    verifiedRate: percent(foundTrue, withFinding),
    rectifyOrders: num(measures.rectify),
    penaltyCases: num(measures.penalty),
    fineYuan: num(measures.fine_fen) / 100,
    referrals: num(measures.referral),
    lateExtensions: num(late.n),
    byLocality,
  }
}
