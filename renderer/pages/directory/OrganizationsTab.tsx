import { memo } from 'react'
import type { TableColumnsType } from 'antd'
import type { OrganizationListItem } from '../../../electron/contract/types'
import { organizationPage } from './first-calls'
import { PagedSearchTable, visitColumns } from './PagedSearchTable'

interface Props {
  version: number
  selectedId: number | null
  onSelect: (id: number) => void
}

/** The same for every render: the table keeps its columns across pages. */
const columns: TableColumnsType<OrganizationListItem> = [
  {
    title: '企业（单位）名称',
    dataIndex: 'name',
    render: (name: string) => (
      <span className="directory-name directory-ellipsis" style={{ maxWidth: 300 }}>
        {name}
      </span>
    ),
  },
  {
    title: '统一社会信用代码',
    dataIndex: 'creditCode',
    width: 190,
    render: (v: string | null) => v ?? <span className="directory-muted">未登记</span>,
  },
  {
    title: '行业',
    dataIndex: 'industry',
    width: 130,
    // The whole text in the cell's title when it is cut short.
    render: (v: string | null) =>
      v ? (
        <span className="directory-ellipsis" style={{ maxWidth: 118 }} title={v}>
          {v}
        </span>
      ) : (
        '—'
      ),
  },
  { title: '来访人', dataIndex: 'visitorCount', width: 70, align: 'right' },
  { title: '来访', width: 120, align: 'right', render: (_, r) => `${r.visitCount} 次 ${r.personTimes} 人次` },
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
