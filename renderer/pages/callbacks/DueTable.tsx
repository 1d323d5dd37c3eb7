import { PhoneOutlined } from '@ant-design/icons'
import { Button, Empty, Table, Typography, type TableColumnsType } from 'antd'
import dayjs from 'dayjs'
import type { CallbackItem, CallbackPage } from '../../../electron/contract/types'
import { navigate } from '../../lib/route'
import { pagerOf, type Paged } from '../../lib/usePaged'
import { visitorLabel } from './visitorLabel'
import { listWaiting } from '../../lib/listWaiting'

export const QUEUE_PAGE_SIZE = 10

interface Props {
  queue: Paged<CallbackPage>
  onCall: (r: CallbackItem) => void
}

/** Resolved issues nobody has called back yet, longest waiting first (the ledger's order). */
export function DueTable({ queue, onCall }: Props) {
  const columns: TableColumnsType<CallbackItem> = [
    {
      key: 'number',
      title: '编号',
      width: 140,
      render: (_, r) => <Typography.Link onClick={() => navigate('issues', { id: r.id })}>{r.number}</Typography.Link>,
    },
    { key: 'visitor', title: '来访人/企业', width: 150, ellipsis: true, render: (_, r) => visitorLabel(r) },
    { key: 'phone', title: '联系电话', width: 118, render: (_, r) => r.visitorPhone ?? '—' },
    { key: 'content', title: '反映问题', dataIndex: 'content', ellipsis: true },
    { key: 'result', title: '办理结果', dataIndex: 'result', ellipsis: true },
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
  const data = queue.query.data
  return (
    <Table<CallbackItem>
      size="small"
      rowKey="id"
      tableLayout="fixed"
      columns={columns}
      dataSource={data?.rows ?? []}
      {...listWaiting(queue.query.loading, data !== undefined, <Empty description="没有等待回访的问题" />)}
      pagination={pagerOf(queue, QUEUE_PAGE_SIZE, '个')}
    />
  )
}
