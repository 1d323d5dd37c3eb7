import dayjs from 'dayjs'
import { systemActor, type LedgerContext, type SystemActor } from '../db/core/context'
import { LedgerError } from '../db/core/errors'
import {
  addProgress,
  assignIssue,
  closeIssue,
  extendIssue,
  recordCallback,
  rejectIssue,
  resolveIssue,
  transferIssue,
} from '../db/issues/actions'
import { listCategories, listDepartments, listStaff, saveStaff, seedDefaults } from '../db/reference/reference'
import { closeSession, listSessions, openSession, planSession } from '../db/sessions/sessions'
import type { IssueStatus, SessionKind, Staff } from '../shared/types'
import { SUPERVISOR_IDLE_MINUTES } from '../shared/sign-in'
import { isYearMonth, monthRange } from '../db/validation/dates'
import { registerVisit, type MatterInput } from '../db/visits/register'
import { WorkCalendar } from '../db/calendar/working-days'

type Triple = readonly [string, string, string]

// A small deterministic generator: the same month always yields the same ledger.
export function seededRandom(seedText: string): () => number {
  let h = 2166136261
  for (const ch of seedText) h = Math.imul(h ^ ch.charCodeAt(0), 16777619)
  let a = h >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Enterprise {
  name: string
  code: string | null
  industry: string
}
const ENTERPRISES: readonly [Enterprise, ...Enterprise[]] = [
  { name: '青山化工有限公司', code: '91350100M000100Y43', industry: '化学原料和化学制品制造业' },
  { name: '江南印染有限公司', code: null, industry: '纺织业' },
  { name: '恒达建材有限公司', code: null, industry: '非金属矿物制品业' },
  { name: '绿源污水处理有限公司', code: null, industry: '水的生产和供应业' },
  { name: '东方汽车零部件有限公司', code: null, industry: '汽车制造业' },
  { name: '新兴食品加工厂', code: null, industry: '农副食品加工业' },
]
const CONTACTS: readonly [string, ...string[]] = ['陈志强', '林小红', '黄磊', '吴建华', '郑丽', '何伟', '罗敏', '高峰']
const RESIDENTS: readonly [string, ...string[]] = ['张桂芳', '刘洋', '周敏', '孙丽', '马军', '朱红', '胡斌', '郭静', '徐明', '谢芳']
const CONSULTATIONS: readonly [Triple, ...Triple[]] = [
  ['排污许可', '排污许可证到期延续需要准备哪些材料', '已告知延续申请须提前30日提交，并发放材料清单'],
  ['环评审批', '技改项目是否需要重新做环评', '已解释重大变动清单，不属重大变动的纳入竣工验收管理'],
  ['政策咨询', '超低排放改造有无补贴政策', '已介绍省级大气污染防治专项资金申报渠道'],
  ['固废/危废', '废机油如何合法处置', '已告知须交有资质单位处置并执行转移联单'],
  ['噪声', '夜间施工噪声向哪里投诉', '已告知建筑施工噪声由住建部门负责，提供举报电话'],
  ['大气', '如何查询本地空气质量', '已告知可通过生态环境局网站和手机应用查询'],
]
const ISSUES: readonly [Triple, ...Triple[]] = [
  ['大气', '工业园区夜间有刺鼻异味', '城东工业园'],
  ['水', '小河沟出现黑臭水体', '西岭村小河沟'],
  ['噪声', '搅拌站夜间作业噪声扰民', '河滨路搅拌站'],
  ['固废/危废', '路边倾倒不明工业废渣', '省道旁空地'],
  ['环评审批', '扩建项目环评审批进度慢', '经开区'],
  ['排污许可', '排污许可证变更迟迟未办', '高新区'],
  ['土壤', '农田旁有企业堆放废料', '南岗村'],
  ['执法监管', '举报企业在线监测数据造假', '城北片区'],
]
// One issue ends in each state, so the demo shows the whole life cycle.
const FATES: readonly IssueStatus[] = [
  'closed',
  'closed',
  'closed',
  'resolved',
  'in_progress',
  'assigned',
  'accepted',
  'reopened',
  'transferred',
  'rejected',
]

export interface DemoPlan {
  month: string
  sessionsByKind: Record<SessionKind, number>
  visits: number
  personTimes: number
  enterprises: number
  consultations: number
  issuesByStatus: Record<IssueStatus, number>
  callbacks: { satisfied: number; basically_satisfied: number; unsatisfied: number }
  resolvedOnTime: number
  /** How the demo office's people sign in, in Chinese, for whoever opens the demo ledger next. */
  signInNote: string
}

/** What the desk needs to know before the first sign-in: supervisors choose their own PIN. */
export function signInNote(staff: readonly Staff[]): string {
  const active = staff.filter((s) => s.active)
  const supervisors = active.filter((s) => s.role === 'supervisor')
  const withPin = supervisors.filter((s) => s.hasPin)
  const without = supervisors.filter((s) => !s.hasPin).map((s) => s.name)
  const desk = active.filter((s) => s.role !== 'supervisor' && !s.hasPin).map((s) => s.name)
  const lines = [
    '登录说明：负责人的权限（查看完整个人信息、审计日志、办结时限、节假日、设置、合并、恢复备份等）只给输入本人 PIN 登录的负责人。',
  ]
  if (without.length > 0 && withPin.length === 0) {
    lines.push(
      `负责人（${without.join('、')}）尚未设置 PIN：第一位在程序右上角“值班人员”中选择本人的负责人，须先设置本人的 PIN（4 至 12 位数字）；` +
        '此后其他负责人须由已登录的负责人在“设置 → 人员”中设置初始 PIN，本人首次登录时再改为自己的 PIN。',
    )
  } else if (without.length > 0) {
    lines.push(
      `负责人（${without.join('、')}）尚未设置 PIN：须由已登录的负责人在“设置 → 人员”中设置初始 PIN，本人首次登录时再改为自己的 PIN。`,
    )
  }
  if (desk.length > 0) lines.push(`其他人员（${desk.join('、')}）可直接选择本人登录，也可以为自己设置 PIN。`)
  lines.push(`负责人 ${SUPERVISOR_IDLE_MINUTES.default} 分钟未操作会自动退出登录（可在“设置 → 台账”中修改）。`)
  return lines.join('\n')
}

function workdaysOf(month: string, calendar: WorkCalendar): string[] {
  const { first, nextFirst } = monthRange(month)
  const days: string[] = []
  for (let d = dayjs(first); d.format('YYYY-MM-DD') < nextFirst; d = d.add(1, 'day')) {
    const s = d.format('YYYY-MM-DD')
    if (calendar.isWorkday(s)) days.push(s)
  }
  return days
}

/**
 * Fills one month with a realistic, deterministic set of records; refuses a month that has sessions.
 * A generator on the file, never reached from a window: it sets the office up with the system
 * capability, then the desk clerk registers and handles, and the extensions are recorded as
 * approved by a leader, as an import of an old sheet records them.
 * Nothing happens after the ledger's own "today" (base.now): a reception day not yet past is only
 * planned, and an issue's life stops at the last step whose date has come.
 */
export async function generateDemoMonth(base: LedgerContext, month: string): Promise<DemoPlan> {
  const system: SystemActor = { ...systemActor, name: base.actor.kind === 'system' ? base.actor.name : '演示数据' }
  if (!isYearMonth(month)) throw new LedgerError('invalid_date', `月份格式应为 YYYY-MM：${month}`)
  if ((await listSessions(base.db, { month })).length > 0)
    throw new LedgerError('conflict', `${month} 已有接待日记录，演示数据只写入空白月份`)
  const now = dayjs(base.now()).format('YYYY-MM-DD HH:mm:ss')
  const today = now.slice(0, 10)
  /** Whether a step at this moment has already happened by the ledger's today. */
  const past = (date: string, time: string) => `${date} ${time}` <= now
  const rand = seededRandom(month)
  const pick = <T>(list: readonly [T, ...T[]]): T => list[Math.floor(rand() * list.length)] ?? list[0]
  let clockAt = dayjs(`${month}-01 08:00:00`)
  const ctx: LedgerContext = { ...base, actor: system, now: () => (clockAt = clockAt.add(7, 'second')).toDate() }
  const setClock = (date: string, time = '09:00:00') => {
    clockAt = dayjs(`${date} ${time}`)
  }

  // Set-up is stamped at the month's start, or now if that is still to come.
  setClock(past(`${month}-01`, '07:00:00') ? `${month}-01` : today, past(`${month}-01`, '07:00:00') ? '07:00:00' : now.slice(11))
  await seedDefaults(ctx)
  let staff = await listStaff(ctx.db)
  if (staff.length === 0) {
    const deps = await listDepartments(ctx.db)
    await saveStaff(ctx, { name: '王晓丽', role: 'desk' })
    await saveStaff(ctx, { name: '李建国', role: 'supervisor', isLeader: true, title: '局长' })
    await saveStaff(ctx, { name: '陈红梅', role: 'supervisor', isLeader: true, title: '副局长' })
    await saveStaff(ctx, { name: '赵刚', role: 'handler', departmentId: deps[2]?.id ?? null })
    await saveStaff(ctx, { name: '钱磊', role: 'handler', departmentId: deps[5]?.id ?? null })
    staff = await listStaff(ctx.db)
  }
  const desk = staff.find((s) => s.role === 'desk') ?? staff[0]
  const leaders = staff.filter((s) => s.isLeader)
  const handlers = staff.filter((s) => s.role === 'handler')
  if (desk) ctx.actor = { kind: 'staff', id: desk.id, name: desk.name, role: desk.role, ownPin: false }
  const categories = await listCategories(ctx.db)
  const departments = (await listDepartments(ctx.db)).filter((d) => d.active)
  const categoryId = (name: string) => categories.find((c) => c.name === name)?.id ?? categories[0]?.id ?? 1

  const days = workdaysOf(month, new WorkCalendar([]))
  const enterpriseDay = days[Math.min(4, days.length - 1)] ?? `${month}-05`
  const publicDay = days[Math.min(12, days.length - 1)] ?? `${month}-15`

  const plan: DemoPlan = {
    month,
    sessionsByKind: { enterprise: 1, public: 1, leader: 0, field: 0 },
    visits: 0,
    personTimes: 0,
    enterprises: 0,
    consultations: 0,
    issuesByStatus: { accepted: 0, assigned: 0, in_progress: 0, resolved: 0, closed: 0, reopened: 0, transferred: 0, rejected: 0 },
    callbacks: { satisfied: 0, basically_satisfied: 0, unsatisfied: 0 },
    resolvedOnTime: 0,
    signInNote: '',
  }
  const issueIds: number[] = []
  const usedEnterprises = new Set<string>()

  for (const [date, kind] of [
    [enterpriseDay, 'enterprise'],
    [publicDay, 'public'],
  ] as const) {
    // A day still to come (or today's, not yet over) is planned, not held.
    const held = date < today
    if (!held) setClock(today, now.slice(11))
    else setClock(date, '08:30:00')
    const session = await planSession(ctx, {
      date,
      kind,
      location: kind === 'enterprise' ? '政务服务中心生态环境窗口' : '局一楼群众接待室',
      hostLeaderId: leaders[kind === 'enterprise' ? 0 : 1]?.id ?? null,
      staffIds: desk ? [desk.id] : [],
    })
    if (!held) {
      plan.sessionsByKind[kind] -= 1
      continue
    }
    await openSession(ctx, session.id)
    const visitCount = kind === 'enterprise' ? 7 : 8
    for (let i = 0; i < visitCount; i++) {
      const matters: MatterInput[] = []
      const consult = pick(CONSULTATIONS)
      if (i % 3 !== 2) matters.push({ type: 'consultation', categoryId: categoryId(consult[0]), content: consult[1], answer: consult[2] })
      if (i % 2 === 0 || matters.length === 0) {
        const issue = pick(ISSUES)
        matters.push({ type: 'issue', categoryId: categoryId(issue[0]), content: issue[1], place: issue[2] })
      }
      const headcount = 1 + Math.floor(rand() * 3)
      const enterprise = kind === 'enterprise' ? pick(ENTERPRISES) : null
      const v = await registerVisit(ctx, {
        sessionId: session.id,
        visitor: enterprise
          ? { name: pick(CONTACTS), kind: 'enterprise', phone: `139${String(10000000 + Math.floor(rand() * 89999999))}` }
          : { name: pick(RESIDENTS), kind: 'resident', phone: `138${String(10000000 + Math.floor(rand() * 89999999))}` },
        organization: enterprise ? { name: enterprise.name, creditCode: enterprise.code, industry: enterprise.industry } : null,
        headcount,
        matters,
      })
      if (enterprise) usedEnterprises.add(enterprise.name)
      plan.visits += 1
      plan.personTimes += headcount
      plan.consultations += v.matters.filter((m) => m.type === 'consultation').length
      for (const m of v.matters) if (m.issueId !== null) issueIds.push(m.issueId)
    }
    await closeSession(ctx, session.id)
  }
  plan.enterprises = usedEnterprises.size

  // Work the issues through to their fates, a few days after the public day.
  const after = days.filter((d) => d > publicDay)
  const workDay = after[Math.min(2, after.length - 1)] ?? publicDay
  const lastDay = days.at(-1) ?? publicDay
  // How far an issue's life gets by today: no step is dated after it.
  const reached = (wanted: IssueStatus): IssueStatus => {
    if (!past(workDay, '10:00:00')) return 'accepted'
    if (!['resolved', 'closed', 'reopened'].includes(wanted)) return wanted
    if (!past(lastDay, '15:00:00')) return 'in_progress'
    if (wanted !== 'resolved' && !past(lastDay, '16:00:00')) return 'resolved'
    return wanted
  }
  for (const [i, issueId] of issueIds.entries()) {
    const fate = reached(FATES[i % FATES.length] ?? 'accepted')
    setClock(workDay, '10:00:00')
    plan.issuesByStatus[fate] += 1
    if (fate === 'accepted') continue
    if (fate === 'transferred') {
      await transferIssue(ctx, { issueId, to: '属地街道办事处', reason: '属社会生活噪声，依职责转交属地处理' })
      continue
    }
    if (fate === 'rejected') {
      await rejectIssue(ctx, { issueId, reason: '属民事纠纷，不属生态环境部门职责，已告知通过司法途径解决' })
      continue
    }
    const dep = departments[1 + (i % Math.max(1, departments.length - 1))] ?? departments[0]
    if (!dep) continue
    const assigned = await assignIssue(ctx, {
      issueId,
      departmentId: dep.id,
      assigneeId: handlers[i % Math.max(1, handlers.length)]?.id ?? null,
      leaderId: leaders[i % Math.max(1, leaders.length)]?.id ?? null,
    })
    if (fate === 'assigned') continue
    await addProgress(ctx, { issueId, note: '已安排执法人员现场核查' })
    // Extended while still in time, as an office asks for it; one past its deadline would be 超期后延期.
    if (i % 4 === 1 && leaders[0] && assigned.dueDate >= workDay) {
      await extendIssue(
        { ...ctx, actor: system },
        {
          issueId,
          // A working day, within 设置's ceiling of working days past the first deadline.
          newDueDate: new WorkCalendar([]).addWorkdays(assigned.dueDate > lastDay ? assigned.dueDate : lastDay, 5),
          approverId: leaders[0].id,
          reason: '需委托第三方开展监测',
        },
      )
    }
    if (fate === 'in_progress') continue
    setClock(lastDay, '15:00:00')
    const d = await resolveIssue(ctx, { issueId, result: '经核查情况属实，已责令企业限期整改，整改完成并复查合格' })
    if (d.resolvedDate !== null && d.resolvedDate <= d.dueDate) plan.resolvedOnTime += 1
    if (fate === 'resolved') continue
    setClock(lastDay, '16:00:00')
    if (fate === 'reopened') {
      await recordCallback(ctx, { issueId, method: 'phone', satisfaction: 'unsatisfied', comment: '反映问题仍未彻底解决' })
      plan.callbacks.unsatisfied += 1
      plan.resolvedOnTime -= d.resolvedDate !== null && d.resolvedDate <= d.dueDate ? 1 : 0
      continue
    }
    const satisfaction = i % 3 === 0 ? 'basically_satisfied' : 'satisfied'
    await recordCallback(ctx, { issueId, method: 'phone', satisfaction })
    plan.callbacks[satisfaction] += 1
    await closeIssue(ctx, { issueId })
  }
  plan.signInNote = signInNote(await listStaff(ctx.db))
  return plan
}
