import type { IssueDetail } from '../../../electron/contract/types'
import { api } from '../../api'
import { useQuery } from '../../lib/useQuery'

/**
 * Full details (masked phone, result, last callback) for the rows on screen only. The callback
 * list carries list items; these calls stay as few as the rows shown.
 */
export function useDetails(ids: readonly number[]): Map<number, IssueDetail> {
  const q = useQuery(async () => {
    const details = await Promise.all(ids.map((id) => api.issueGet({ id })))
    return new Map(details.map((d) => [d.id, d]))
  }, [ids.join(',')])
  return q.data ?? new Map<number, IssueDetail>()
}
