// The reception days of the synthetic ledger and everyone who came: sessions on working days,
// then visitors and enterprises (new or returning), their visits and matters, and the issues
// among those matters numbered per month, each handed to its life (bench/issue-life.ts).

import type { WorkCalendar } from '../db/calendar/working-days'
import { sessionKind } from '../shared/codes/sessions'
import type { Category, SessionKind, Staff } from '../shared/types'
import { creditCodeFor } from './credit-code'
import { addMonths, dateOf, dayOf, timeOf } from './days'
import type { LifeOfIssue } from './issue-life'
import type { LedgerInserts } from './ledger-inserts'
import { mobile, personName, pick, pickFrom, type Rand } from './random'
import { CATEGORY_TEXT, DETAILS, DISTRICTS, ORG_BRANDS, ORG_FORMS, ORG_REGIONS, ORG_TRADES, PLACE_WORDS, type CategoryText } from './text'

export interface SessionPlan {
  id: number
  date: string
  kind: SessionKind
  monthsBeforeEnd: number
}

export interface ReceptionSetup {
  rand: Rand
  months: number
  firstMonth: string
  calendar: WorkCalendar
  staff: { desk: Staff[]; leaders: Staff[] }
  desk: Staff
  inserts: LedgerInserts
  categories: Category[]
  /** The categories an issue may have: 政策咨询 only now and then. */
  issueCategories: Category[]
  targets: { visits: number; matters: number; issues: number }
  lifeOfIssue: LifeOfIssue
}

/** Two reception days a month on working days. */
export function planSessions(
  setup: Pick<ReceptionSetup, 'rand' | 'months' | 'firstMonth' | 'calendar' | 'staff' | 'inserts'>,
): SessionPlan[] {
  const { rand, months, firstMonth, calendar, staff } = setup
  const { session: insSession, sessionStaff: insSessionStaff } = setup.inserts
  const sessions: SessionPlan[] = []
  for (let m = 0; m < months; m++) {
    const month = addMonths(firstMonth, m)
    const workdays: string[] = []
    for (let d = dayOf(`${month}-01`); dateOf(d).startsWith(month); d++) if (calendar.isWorkday(dateOf(d))) workdays.push(dateOf(d))
    const plan: [string | undefined, SessionKind][] = [
      [workdays[4] ?? workdays[0], 'enterprise'],
      [workdays[13] ?? workdays.at(-1), m % 12 === 6 ? 'field' : m % 4 === 3 ? 'leader' : 'public'],
    ]
    for (const [date, kind] of plan) {
      if (!date) continue
      const [y, mo, da] = date.split('-')
      const leader = pickFrom(rand, staff.leaders)
      const created = `${dateOf(dayOf(date) - 7)} 16:00:00`
      const id = insSession(
        date,
        kind,
        `${y}年${Number(mo)}月${Number(da)}日${sessionKind.labels[kind]}`,
        kind === 'enterprise' ? '政务服务中心生态环境窗口' : kind === 'field' ? '企业现场' : '局一楼群众接待室',
        leader?.id ?? null,
        `${date} 08:25:00`,
        `${date} 17:30:00`,
        created,
        `${date} 17:30:00`,
      )
      for (const s of staff.desk) insSessionStaff(id, s.id)
      sessions.push({ id, date, kind, monthsBeforeEnd: months - 1 - m })
    }
  }
  return sessions
}

function categoryText(name: string): CategoryText {
  return CATEGORY_TEXT[name] ?? CATEGORY_TEXT['其他'] ?? { subjects: ['来访人'], problems: ['反映问题'], questions: [['咨询', '已答复']] }
}

/** The visits of every session, with their visitors, enterprises, matters and issues. Returns the person-times. */
export function visitSessions(setup: ReceptionSetup, sessions: SessionPlan[]): number {
  const { rand, desk, categories, issueCategories, targets, lifeOfIssue } = setup
  const { organization: insOrg, visitor: insVisitor, visit: insVisit, matter: insMatter } = setup.inserts
  const { visits: visitsTarget, matters: mattersTarget, issues: issuesTarget } = targets
  let personTimes = 0
  const residents: number[] = []
  const orgs: { id: number; contacts: number[] }[] = []
  const orgNames = new Set<string>()
  const seqByMonth = new Map<string, number>()
  let visitsLeft = visitsTarget
  let mattersLeft = mattersTarget
  let issuesLeft = issuesTarget
  let orgSerial = 0

  const newOrganization = (at: string): { id: number; contacts: number[] } => {
    let name = ''
    for (let tries = 0; tries < 50 && (name === '' || orgNames.has(name)); tries++) {
      const [trade] = pick(rand, ORG_TRADES)
      name = `${pick(rand, ORG_REGIONS)}${pick(rand, ORG_BRANDS)}${trade}${pick(rand, ORG_FORMS)}`
    }
    if (orgNames.has(name)) name = `${pick(rand, ORG_BRANDS)}${orgSerial + 1}号${name}`
    orgNames.add(name)
    const industry = ORG_TRADES.find(([t]) => name.includes(t))?.[1] ?? null
    orgSerial += 1
    const code = rand() < 0.85 ? creditCodeFor(orgSerial) : null
    const id = insOrg(name, code, `${pick(rand, DISTRICTS)}${pick(rand, PLACE_WORDS)}${1 + Math.floor(rand() * 200)}号`, industry, at, at)
    const org = { id, contacts: [] }
    orgs.push(org)
    return org
  }

  for (const [sIndex, s] of sessions.entries()) {
    const sessionsLeft = sessions.length - sIndex
    const count = Math.round(visitsLeft / sessionsLeft)
    visitsLeft -= count
    const startSec = 8.5 * 3600
    const stepSec = Math.max(1, Math.floor((8 * 3600) / Math.max(1, count)))
    const enterpriseShare = s.kind === 'enterprise' ? 0.85 : s.kind === 'field' ? 0.7 : s.kind === 'leader' ? 0.4 : 0.15
    for (let v = 0; v < count; v++) {
      const arrived = `${s.date} ${timeOf(startSec + v * stepSec + Math.floor(rand() * stepSec))}`
      let visitorId: number
      let orgId: number | null = null
      if (rand() < enterpriseShare) {
        const org = orgs.length > 0 && rand() < 0.92 ? (pickFrom(rand, orgs) ?? newOrganization(arrived)) : newOrganization(arrived)
        orgId = org.id
        const known = org.contacts.length > 0 && rand() < 0.6 ? pickFrom(rand, org.contacts) : undefined
        if (known !== undefined) visitorId = known
        else {
          visitorId = insVisitor(personName(rand), mobile(rand), 'enterprise', org.id, null, arrived, arrived)
          org.contacts.push(visitorId)
        }
      } else {
        const known = residents.length > 0 && rand() < 0.3 ? pickFrom(rand, residents) : undefined
        if (known !== undefined) visitorId = known
        else {
          const address = rand() < 0.5 ? `${pick(rand, DISTRICTS)}${pick(rand, PLACE_WORDS)}` : null
          visitorId = insVisitor(personName(rand), rand() < 0.9 ? mobile(rand) : null, 'resident', null, address, arrived, arrived)
          residents.push(visitorId)
        }
      }
      const r = rand()
      const headcount = r < 0.7 ? 1 : r < 0.9 ? 2 : 3 + Math.floor(rand() * 3)
      personTimes += headcount
      const visitId = insVisit(s.id, visitorId, orgId, headcount, s.date, arrived, desk.id, arrived)

      const visitsAfter = visitsLeft + (count - v - 1)
      const matterCount = Math.max(1, Math.min(2, mattersLeft - visitsAfter))
      for (let k = 0; k < matterCount; k++) {
        // Issues spread evenly over what is left, so the totals come out exact.
        const isIssue = issuesLeft > 0 && rand() * mattersLeft < issuesLeft
        mattersLeft -= 1
        const category = pickFrom(rand, isIssue ? issueCategories : categories) ?? categories[0]
        if (!category) throw new Error('no categories')
        const text = categoryText(category.name)
        if (!isIssue) {
          const [question, answer] = pick(rand, text.questions)
          insMatter(visitId, 'consultation', category.id, question, answer, null, arrived)
          continue
        }
        issuesLeft -= 1
        const place = rand() < 0.85 ? `${pick(rand, DISTRICTS)}${pick(rand, PLACE_WORDS)}` : null
        const content = `${place ?? ''}${pick(rand, text.subjects)}${pick(rand, text.problems)}${pick(rand, DETAILS)}`
        const matterId = insMatter(visitId, 'issue', category.id, content, null, place, arrived)
        const yearMonth = s.date.slice(0, 7)
        const seq = (seqByMonth.get(yearMonth) ?? 0) + 1
        seqByMonth.set(yearMonth, seq)
        const number = `JD-${yearMonth}-${String(seq).padStart(4, '0')}`
        lifeOfIssue(matterId, number, yearMonth, seq, category.id, category.timeLimitDays, s, arrived)
      }
    }
  }
  return personTimes
}
