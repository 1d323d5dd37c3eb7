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
