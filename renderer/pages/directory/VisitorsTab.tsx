import { memo } from 'react'
import type { TableColumnsType } from 'antd'
import { PlainTag } from '../../components/PlainTag'
import type { VisitorListItem } from '../../../electron/contract/types'
import { visitorPage } from './first-calls'
import { PagedSearchTable, visitColumns } from './PagedSearchTable'

interface Props {
  version: number
  selectedId: number | null
  onSelect: (id: number) => void
}

/** The same for every render: the table keeps its columns across pages. */
const columns: TableColumnsType<VisitorListItem> = [
  {
    title: '姓名',
    dataIndex: 'name',
    width: 120,
    render: (name: string) => <span className="directory-name">{name}</span>,
  },
  {
    title: '类型',
    dataIndex: 'kind',
    width: 70,
    render: (_, r) => (r.kind === 'enterprise' ? <PlainTag color="blue">企业</PlainTag> : <PlainTag color="green">群众</PlainTag>),
  },
  { title: '联系电话', dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
  {
    title: '所属企业',
    dataIndex: 'organizationName',
    render: (v: string | null) =>
      v ? (
        <span className="directory-ellipsis" style={{ maxWidth: 280 }} title={v}>
          {v}
        </span>
      ) : (
        '—'
      ),
  },
  { title: '来访次数', dataIndex: 'visitCount', width: 80, align: 'right' },
  ...visitColumns<VisitorListItem>(),
]

/** Every visitor, most recently seen first; search by name, enterprise or the tail of a phone number. */
export const VisitorsTab = memo(function VisitorsTab({ version, selectedId, onSelect }: Props) {
  return (
    <PagedSearchTable<VisitorListItem>
      version={version}
      selectedId={selectedId}
      onSelect={onSelect}
      load={(args) => visitorPage.load(args)}
      ready={(args) => visitorPage.take(args)}
      searchLabel="查找来访人"
      placeholder="姓名、所属企业或电话尾号"
      unit="人"
      emptyText="还没有来访人"
      columns={columns}
    />
  )
})
