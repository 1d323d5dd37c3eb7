import { memo } from 'react'
import type { PlainColumn } from '../../components/PlainTable'
import { PlainTag } from '../../components/PlainTag'
import type { VisitorListItem } from '../../../electron/contract/types'
import { visitorPage } from './first-calls'
import { PagedSearchTable, visitColumns } from './PagedSearchTable'

interface Props {
  version: number
  selectedId: number | null
  onSelect: (id: number) => void
}

const columns: readonly PlainColumn<VisitorListItem>[] = [
  { key: 'name', title: '姓名', width: 120, cell: (r) => <span className="directory-name">{r.name}</span> },
  {
    key: 'kind',
    title: '类型',
    width: 70,
    cell: (r) => (r.kind === 'enterprise' ? <PlainTag color="blue">企业</PlainTag> : <PlainTag color="green">群众</PlainTag>),
  },
  { key: 'phone', title: '联系电话', width: 130, cell: (r) => r.phone ?? '—' },
  {
    key: 'organizationName',
    title: '所属企业',
    cell: (r) =>
      r.organizationName ? (
        <span className="directory-ellipsis" style={{ maxWidth: 280 }} title={r.organizationName}>
          {r.organizationName}
        </span>
      ) : (
        '—'
      ),
  },
  { key: 'visitCount', title: '来访次数', width: 80, align: 'right', cell: (r) => r.visitCount },
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
