import { memo } from 'react'
import { Button, Typography } from 'antd'
import type { OrganizationListItem } from '../../../electron/contract/types'
import { organizationPage } from './first-calls'
import { PagedSearchTable, visitColumns } from './PagedSearchTable'

interface Props {
  version: number
  selectedId: number | null
  onSelect: (id: number) => void
}

/** Every enterprise that has come, most recently seen first; search by name or credit code. */
export const OrganizationsTab = memo(function OrganizationsTab({ version, selectedId, onSelect }: Props) {
  return (
    <PagedSearchTable<OrganizationListItem>
      version={version}
      selectedId={selectedId}
      onSelect={onSelect}
      load={(args) => organizationPage.load(args)}
      searchLabel="查找企业"
      placeholder="企业名称或统一社会信用代码的一部分"
      autoFocus
      unit="家"
      emptyText="还没有企业来访"
      columns={[
        {
          title: '企业（单位）名称',
          dataIndex: 'name',
          render: (name: string) => (
            <Button
              type="link"
              size="small"
              autoInsertSpace={false}
              style={{ padding: 0, maxWidth: 300, overflow: 'hidden', textOverflow: 'ellipsis', display: 'block' }}
            >
              {name}
            </Button>
          ),
        },
        {
          title: '统一社会信用代码',
          dataIndex: 'creditCode',
          width: 190,
          render: (v: string | null) => v ?? <Typography.Text type="secondary">未登记</Typography.Text>,
        },
        {
          title: '行业',
          dataIndex: 'industry',
          width: 130,
          render: (v: string | null) =>
            v ? (
              <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 118 }}>
                {v}
              </Typography.Text>
            ) : (
              '—'
            ),
        },
        { title: '来访人', dataIndex: 'visitorCount', width: 70, align: 'right' },
        { title: '来访', width: 120, align: 'right', render: (_, r) => `${r.visitCount} 次 ${r.personTimes} 人次` },
        ...visitColumns<OrganizationListItem>(),
      ]}
    />
  )
})
