import { Alert, Button, Input, Table, Typography } from 'antd'
import { useState } from 'react'
import type { OrganizationListItem } from '../../../db/types'
import { api } from '../../api'
import { useQuery } from '../../lib/useQuery'
import { useDebounced } from './useDebounced'

interface Props {
  version: number
  selectedId: number | null
  onSelect: (id: number) => void
}

const PAGE_SIZE = 10

/** Every enterprise that has come, most recently seen first; search by name or credit code. */
export function OrganizationsTab({ version, selectedId, onSelect }: Props) {
  const [text, setText] = useState('')
  const query = useDebounced(text.trim(), 250)
  const [page, setPage] = useState(1)
  const list = useQuery(() => api.organizationList({ query, page, pageSize: PAGE_SIZE }), [query, page, version])
  return (
    <>
      <Input.Search
        aria-label="查找企业"
        placeholder="企业名称或统一社会信用代码的一部分"
        allowClear
        value={text}
        onChange={(e) => {
          setText(e.target.value)
          setPage(1)
        }}
        onSearch={(v) => setText(v)}
        style={{ width: 420, marginBottom: 12 }}
        autoFocus
      />
      {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
      <Table<OrganizationListItem>
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.rows ?? []}
        rowClassName={(r) => (r.id === selectedId ? 'ant-table-row-selected' : '')}
        onRow={(r) => ({ onClick: () => onSelect(r.id), style: { cursor: 'pointer' } })}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => `共 ${n} 家`,
          onChange: setPage,
        }}
        locale={{ emptyText: query ? `没有找到“${query}”` : '还没有企业来访' }}
        columns={[
          {
            title: '企业（单位）名称',
            dataIndex: 'name',
            render: (name: string) => (
              <Button type="link" size="small" autoInsertSpace={false} style={{ padding: 0, maxWidth: 300, overflow: 'hidden', textOverflow: 'ellipsis', display: 'block' }}>
                {name}
              </Button>
            ),
          },
          { title: '统一社会信用代码', dataIndex: 'creditCode', width: 190, render: (v: string | null) => v ?? <Typography.Text type="secondary">未登记</Typography.Text> },
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
          { title: '最近来访', dataIndex: 'lastVisitDate', width: 100, render: (v: string | null) => v ?? '—' },
          {
            title: '未办结',
            dataIndex: 'openIssueCount',
            width: 70,
            align: 'right',
            render: (n: number) => (n > 0 ? <Typography.Text type="warning">{n} 个</Typography.Text> : <Typography.Text type="secondary">0</Typography.Text>),
          },
        ]}
      />
    </>
  )
}
