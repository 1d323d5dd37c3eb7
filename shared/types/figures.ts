// Figures: any period's counts (a month, a quarter, a year, a range, since the first record), with
// the lists behind them, the year month by month, and a month's close (月结). Every definition is
// stated once, in db/figures/period.ts and the README's 统计口径.
import type { PeriodKind } from '../codes/periods'
import type { CaseFileFigures } from './case-file'
import type { IssueListItem } from './issues'
import type { SessionKind } from './sessions'
import type { PetitionFigures } from './petitions'

export interface CategoryFigure {
  categoryId: number
  categoryName: string
  consultations: number
  /** 本期受理. */
  issuesAccepted: number
  /** 本期受理且已办结. */
  issuesResolved: number
  /** 本期办结, whenever accepted. */
  issuesResolvedInPeriod: number
}

/** Issues by lead section (股室); departmentId null for those not yet handed over (未交办). */
export interface DepartmentFigure {
  departmentId: number | null
  departmentName: string
  issuesAccepted: number
  issuesResolved: number
  issuesOpen: number
  issuesResolvedInPeriod: number
  issuesResolvedInPeriodOnTime: number
}

/** The figures of any period, all defined by the dates things happened (db/figures/period.ts). */
export interface PeriodFigures {
  /** Reception days held (opened), not merely planned. */
  sessions: number
  sessionsByKind: Record<SessionKind, number>
  visits: number
  /** Distinct enterprises over the whole period: by 统一社会信用代码, else by name. */
  enterprises: number
  residentPersonTimes: number
  enterprisePersonTimes: number
  personTimes: number
  consultations: number
  /** Issues registered in the period, refused ones included. */
  issuesRegistered: number
  /** 本期受理: registered less refused (不予受理). */
  issuesAccepted: number
  /** 本期受理且已办结: of those accepted in the period, the ones now 办结 or 销号. */
  issuesResolved: number
  issuesResolvedOnTime: number
  issuesClosed: number
  issuesTransferred: number
  issuesRejected: number
  /** Of those accepted in the period, the ones still being worked on. */
  issuesOpen: number
  /** 本期办结: every issue resolved in the period, whenever accepted (含上期结转). */
  issuesResolvedInPeriod: number
  issuesResolvedInPeriodOnTime: number
  /** Of 本期办结, those accepted before the period. */
  issuesResolvedInPeriodEarlier: number
  /** Percent 0–100 with one decimal, null when nothing to divide by. 本期受理且已办结 ÷ (受理 − 转办). */
  resolutionRate: number | null
  /** 按期 ÷ 本期受理且已办结. */
  onTimeRate: number | null
  /** Calls made in the period (a reopened issue may be called more than once). */
  callbacks: number
  /** Issues called back in the period, each rated once by its latest call in it. */
  issuesCalledBack: number
  satisfied: number
  basicallySatisfied: number
  unsatisfied: number
  /** (满意 + 基本满意) ÷ issues called back. */
  satisfactionRate: number | null
  /** 上期结转: accepted before the period and still open on its first day, by the business dates. */
  carriedOver: number
  /** Of 上期结转, those still open now. */
  carriedOverOpen: number
}

/** One month's figures inside a year, defined exactly as any period's. */
export interface MonthFigures extends PeriodFigures {
  month: string
}

/** A period in the bureau's words (db/figures/period-label.ts). */
export interface Period {
  from: string
  /** Inclusive. */
  to: string
  kind: PeriodKind
  /** 2026年11月, 2026年第四季度, 2021年3月至12月, 自2020年3月起 … */
  label: string
  /** 本月 / 本季度 / 本年 / 本期 / 累计. */
  current: string
  /** 上月 / 上季度 / 上年 / 上期. */
  previous: string
}

/** A period's figures with the breakdowns and the lists behind them. */
export interface PeriodSummary extends PeriodFigures {
  period: Period
  /** The first day the ledger holds anything (for 建账以来), null for an empty ledger. */
  firstRecordDate: string | null
  byCategory: CategoryFigure[]
  byDepartment: DepartmentFigure[]
  /** Open and past their deadline today, among the issues accepted by the period's end. */
  overdue: IssueListItem[]
  carriedOverIssues: IssueListItem[]
  /** 信访 and 转办件 (db/figures/petition-figures.ts). */
  petitions: PetitionFigures
  /**
   * 重复件, 集体访, 查实情况, 处理措施 and 属地 (db/figures/case-file.ts). Absent only from the frozen
   * report of a month closed (月结) before the ledger kept a case file.
   */
  caseFile?: CaseFileFigures
}

export interface MonthlySummary extends PeriodSummary {
  month: string
}

export interface YearlySummary {
  year: string
  months: MonthFigures[]
  /**
   * The year as one period: counts of the months add up to it, except 接待企业 (each enterprise
   * once in the year), 回访的问题 (each issue once, by its last call in the year) and 结转 (open on 1 January).
   */
  total: PeriodFigures
  byCategory: CategoryFigure[]
  /** The year's case-file figures, defined as any period's. */
  caseFile: CaseFileFigures
}

/** A figure of a closed month that has changed since its report was sent (调整). */
export interface Adjustment {
  field: keyof PeriodFigures
  label: string
  reported: number
  now: number
}

/** A month's close (月结): who froze its report, when, and the audit chain's head at that moment. */
export interface MonthClose {
  month: string
  closedAt: string
  closedBy: string
  auditHeadId: number
  auditHeadHash: string
}
