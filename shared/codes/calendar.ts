import { codeList, type CodeOf } from './define'

/** How the office entered a year's official holiday arrangement. */
export const arrangementSource = codeList({ typed: '在设置中逐日录入', file: '从文件导入' })
export type ArrangementSource = CodeOf<typeof arrangementSource>

/** Where a year's holidays come from. */
export const calendarYearState = codeList({
  official: '内置国务院放假安排',
  entered: '已录入正式放假安排',
  provisional: '暂定（按法定节假日推算）',
  plain: '无节假日数据',
})
export type CalendarYearState = CodeOf<typeof calendarYearState>
