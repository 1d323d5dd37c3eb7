import { codeList, type CodeOf } from './define'

export const sessionKind = codeList({
  enterprise: '服务企业接待日',
  public: '服务群众接待日',
  leader: '领导接待日',
  field: '上门服务',
})
export type SessionKind = CodeOf<typeof sessionKind>

/** The kind in one or two characters, for calendar cells and tags. */
export const SESSION_KIND_SHORT = { enterprise: '企业', public: '群众', leader: '领导', field: '上门' } as const satisfies Record<
  SessionKind,
  string
>

export const sessionStatus = codeList({ planned: '计划中', open: '进行中', closed: '已结束' })
export type SessionStatus = CodeOf<typeof sessionStatus>

/** Which weekday of the month a 接待日规则 falls on: the first … fifth, or the last. */
export const sessionRuleNth = codeList({
  first: '第一个',
  second: '第二个',
  third: '第三个',
  fourth: '第四个',
  fifth: '第五个',
  last: '最后一个',
})
export type SessionRuleNth = CodeOf<typeof sessionRuleNth>

/** Weekdays, Monday first as the desk reads a week (named codes: numeric keys would sort Sunday first). */
export const sessionRuleWeekday = codeList({
  mon: '星期一',
  tue: '星期二',
  wed: '星期三',
  thu: '星期四',
  fri: '星期五',
  sat: '星期六',
  sun: '星期日',
})
export type SessionRuleWeekday = CodeOf<typeof sessionRuleWeekday>

export const sessionHolidayShift = codeList({
  next_workday: '顺延至下一个工作日',
  previous_workday: '提前至上一个工作日',
  none: '不调整',
})
export type SessionHolidayShift = CodeOf<typeof sessionHolidayShift>
