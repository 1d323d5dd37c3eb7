import { codeList, type CodeOf } from './define'

export const staffRole = codeList({ desk: '前台工作人员', supervisor: '负责人', handler: '承办人员' })
export type StaffRole = CodeOf<typeof staffRole>
