import { memo } from 'react'
import type { PlainColumn } from '../../components/PlainTable'
import type { OrganizationListItem } from '../../../electron/contract/types'
import { organizationPage } from './first-calls'
import { PagedSearchTable, visitColumns } from './PagedSearchTable'

interface Props {
  version: number
  selectedId: number | null
  onSelect: (id: number) => void
}

const columns: readonly PlainColumn<OrganizationListItem>[] = [
  {
    key: 'name',
    title: '企业（单位）名称',
    cell: (r) => (
      <span className="directory-name directory-ellipsis" style={{ maxWidth: 300 }}>
        {r.name}
      </span>
    ),
  },
  {
    key: 'creditCode',
    title: '统一社会信用代码',
    width: 190,
    cell: (r) => r.creditCode ?? <span className="directory-muted">未登记</span>,
  },
  {
    key: 'industry',
    title: '行业',
    width: 130,
    // The whole text in the cell's title when it is cut short.
    cell: (r) =>
      r.industry ? (
        <span className="directory-ellipsis" style={{ maxWidth: 118 }} title={r.industry}>
          {r.industry}
        </span>
      ) : (
        '—'
      ),
  },
  { key: 'visitorCount', title: '来访人', width: 70, align: 'right', cell: (r) => r.visitorCount },
  { key: 'visits', title: '来访', width: 120, align: 'right', cell: (r) => `${r.visitCount} 次 ${r.personTimes} 人次` },
  ...visitColumns<OrganizationListItem>(),
]

/** Every enterprise that has come, most recently seen first; search by name or credit code. */
export const OrganizationsTab = memo(function OrganizationsTab({ version, selectedId, onSelect }: Props) {
  return (
    <PagedSearchTable<OrganizationListItem>
      version={version}
      selectedId={selectedId}
      onSelect={onSelect}
      load={(args) => organizationPage.load(args)}
      ready={(args) => organizationPage.take(args)}
      searchLabel="查找企业"
      placeholder="企业名称或统一社会信用代码的一部分"
      autoFocus
      unit="家"
      emptyText="还没有企业来访"
      columns={columns}
    />
  )
})
