import type { IssueListItem } from '../../../db/types'

export const visitorLabel = (r: IssueListItem): string => (r.organizationName ? `${r.visitorName}（${r.organizationName}）` : r.visitorName)
