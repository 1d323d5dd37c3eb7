import type { SessionKind, SessionStatus } from '../../../electron/contract/types'

/** One colour per kind of reception day, the same in the list, the calendar and the detail. */
export const KIND_COLOR: Record<SessionKind, string> = { enterprise: 'blue', public: 'green', leader: 'volcano', field: 'purple' }

export const STATUS_COLOR: Record<SessionStatus, string> = { planned: 'default', open: 'processing', closed: 'success' }

export const WEEKDAY = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']
