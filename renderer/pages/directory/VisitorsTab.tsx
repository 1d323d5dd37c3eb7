import { Alert, Button, Input, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import type { VisitorListItem } from '../../../db/types'
import { api } from '../../api'
import { useQuery } from '../../lib/useQuery'
import { useDebounced } from './useDebounced'

interface Props {
  version: number
  selectedId: number | null
  onSelect: (id: number) => void
}

const PAGE_SIZE = 10

/** Every visitor, most recently seen first; search by name, enterprise or the tail of a phone number. */
export function VisitorsTab({ version, selectedId, onSelect }: Props) {
  const [text, setText] = useState('')
  const query = useDebounced(text.trim(), 250)
  const [page, setPage] = useState(1)
  const list = useQuery(() => api.visitorList({ query, page, pageSize: PAGE_SIZE }), [query, page, version])
  return (
    <>
      <Input.Search
        aria-label="查找来访人"
        placeholder="姓名、所属企业或电话尾号"
        allowClear
        value={text}
        onChange={(e) => {
          setText(e.target.value)
          setPage(1)
        }}
        onSearch={(v) => setText(v)}
        style={{ width: 420, marginBottom: 12 }}
      />
      {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
      <Table<VisitorListItem>
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
          showTotal: (n) => `共 ${n} 人`,
          onChange: setPage,
        }}
        locale={{ emptyText: query ? `没有找到“${query}”` : '还没有来访人' }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 120, render: (name: string) => (
            <Button type="link" size="small" autoInsertSpace={false} style={{ padding: 0 }}>
              {name}
            </Button>
          ) },
          { title: '类型', dataIndex: 'kind', width: 70, render: (_, r) => (r.kind === 'enterprise' ? <Tag color="blue">企业</Tag> : <Tag color="green">群众</Tag>) },
          { title: '联系电话', dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
          {
            title: '所属企业',
            dataIndex: 'organizationName',
            render: (v: string | null) =>
              v ? (
                <Typography.Text ellipsis style={{ maxWidth: 280 }}>
                  {v}
                </Typography.Text>
              ) : (
                '—'
              ),
          },
          { title: '来访次数', dataIndex: 'visitCount', width: 80, align: 'right' },
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
