import { Alert, App, Button, Empty, Popconfirm, Table, Typography, type TableColumnsType } from 'antd'
import { useState } from 'react'
import type { CallbackItem, CallbackPage } from '../../../electron/contract/types'
import { api } from '../../api'
import { errorMessage } from '../../lib/errors'
import { SATISFACTION } from '../../lib/labels'
import { navigate } from '../../lib/route'
import { pagerOf, type Paged } from '../../lib/usePaged'
import { QUEUE_PAGE_SIZE } from './DueTable'
import { visitorLabel } from './visitorLabel'
import { listWaiting } from '../../lib/listWaiting'

interface Props {
  queue: Paged<CallbackPage>
  onClosed: () => void
}

/** Called back 满意 or 基本满意 and not yet closed: one button closes each (销号). */
export function ToCloseTable({ queue, onClosed }: Props) {
  const { message } = App.useApp()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState<number | null>(null)

  const close = async (r: CallbackItem) => {
    setBusy(r.id)
    setError(null)
    try {
      await api.issueClose({ issueId: r.id, version: r.version })
      message.success(`${r.number} 已销号`)
      onClosed()
    } catch (e) {
      setError(`${r.number}：${errorMessage(e)}`)
    } finally {
      setBusy(null)
    }
  }

  const columns: TableColumnsType<CallbackItem> = [
    {
      key: 'number',
      title: '编号',
      width: 140,
      render: (_, r) => <Typography.Link onClick={() => navigate('issues', { id: r.id })}>{r.number}</Typography.Link>,
    },
    { key: 'visitor', title: '来访人/企业', width: 150, ellipsis: true, render: (_, r) => visitorLabel(r) },
    { key: 'content', title: '反映问题', dataIndex: 'content', ellipsis: true },
    { key: 'resolved', title: '办结日期', dataIndex: 'resolvedDate', width: 104 },
    { key: 'called', title: '回访日期', dataIndex: 'lastCallbackDate', width: 104 },
    {
      key: 'satisfaction',
      title: '回访结果',
      width: 96,
      render: (_, r) => (r.lastSatisfaction ? <Typography.Text type="success">{SATISFACTION[r.lastSatisfaction]}</Typography.Text> : ''),
    },
    {
      key: 'close',
      title: '操作',
      width: 84,
      render: (_, r) => (
        <Popconfirm title={`确认将 ${r.number} 销号？`} okText="销号" cancelText="取消" onConfirm={() => void close(r)}>
          <Button size="small" loading={busy === r.id}>
            销号
          </Button>
        </Popconfirm>
      ),
    },
  ]
  const data = queue.query.data
  return (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} closable={{ onClose: () => setError(null) }} />}
      <Table<CallbackItem>
        size="small"
        rowKey="id"
        tableLayout="fixed"
        columns={columns}
        dataSource={data?.rows ?? []}
        {...listWaiting(
          queue.query.loading,
          data !== undefined,
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有待销号的问题" />,
        )}
        pagination={pagerOf(queue, QUEUE_PAGE_SIZE, '个')}
      />
    </>
  )
}
