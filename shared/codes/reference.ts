import { codeList, type CodeOf } from './define'

/** An office's own change to the national calendar: a day off, or a make-up working day (调休). */
export const holidayKind = codeList({ holiday: '放假', workday: '调休上班' })
export type HolidayKind = CodeOf<typeof holidayKind>
