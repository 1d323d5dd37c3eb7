import { codeList, type CodeOf } from './define'

export const searchKind = codeList({ issue: '问题', visitor: '来访人', organization: '企业' })
export type SearchKind = CodeOf<typeof searchKind>
