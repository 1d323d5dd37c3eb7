import type { IssueListItem } from '../../../electron/contract/types'

export const visitorLabel = (r: IssueListItem): string => (r.organizationName ? `${r.visitorName}（${r.organizationName}）` : r.visitorName)
