import { PhoneOutlined } from '@ant-design/icons'
import { Button, Empty, Table, Typography, type TableColumnsType } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import type { IssueListItem } from '../../../electron/contract/types'
import { navigate } from '../../lib/route'
import { useDetails } from './useDetails'
import { visitorLabel } from './visitorLabel'

const PAGE_SIZE = 10

interface Props {
  rows: IssueListItem[]
  loading: boolean
  onCall: (r: IssueListItem) => void
}

/** Resolved issues nobody has called back yet, longest waiting first (main's order). */
export function DueTable({ rows, loading, onCall }: Props) {
  const [chosenPage, setPage] = useState(1)
  // After a call the list is shorter; never stay on a page that no longer exists.
  const page = Math.min(chosenPage, Math.max(1, Math.ceil(rows.length / PAGE_SIZE)))
  const shown = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
  const details = useDetails(shown.map((r) => r.id))
  const columns: TableColumnsType<IssueListItem> = [
    {
      key: 'number',
      title: '编号',
      width: 140,
      render: (_, r) => (
        <Typography.Link onClick={() => navigate('issues', { id: r.id })}>{r.number}</Typography.Link>
      ),
    },
    { key: 'visitor', title: '来访人/企业', width: 150, ellipsis: true, render: (_, r) => visitorLabel(r) },
    { key: 'phone', title: '联系电话', width: 118, render: (_, r) => details.get(r.id)?.visitorPhone ?? (details.has(r.id) ? '—' : '…') },
    { key: 'content', title: '反映问题', dataIndex: 'content', ellipsis: true },
    { key: 'result', title: '办理结果', ellipsis: true, render: (_, r) => details.get(r.id)?.result ?? '' },
    { key: 'resolved', title: '办结日期', dataIndex: 'resolvedDate', width: 104 },
    {
      key: 'waiting',
      title: '已等待',
      width: 72,
      render: (_, r) => {
        const days = r.resolvedDate ? dayjs().startOf('day').diff(dayjs(r.resolvedDate), 'day') : 0
        return <Typography.Text type={days > 5 ? 'danger' : undefined}>{days} 天</Typography.Text>
      },
    },
    {
      key: 'call',
      title: '操作',
      width: 84,
      render: (_, r) => (
        <Button size="small" type="primary" icon={<PhoneOutlined />} onClick={() => onCall(r)}>
          回访
        </Button>
      ),
    },
  ]
  return (
    <Table<IssueListItem>
      size="small"
      rowKey="id"
      tableLayout="fixed"
      columns={columns}
      dataSource={rows}
      loading={loading}
      locale={{ emptyText: <Empty description="没有等待回访的问题" /> }}
      pagination={{ current: page, pageSize: PAGE_SIZE, onChange: setPage, hideOnSinglePage: true, size: 'small', showTotal: (n) => `共 ${n} 个` }}
    />
  )
}
