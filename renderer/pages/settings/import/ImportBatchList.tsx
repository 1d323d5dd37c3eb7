import { UndoOutlined } from '@ant-design/icons'
import { Button, Empty, Popconfirm, Table, Typography } from 'antd'
import type { ImportBatch } from '../../../../electron/contract/types'

/** Past imports, newest first; a supervisor can undo one as a whole while its records are untouched. */
export function BatchList({
  batches,
  onUndo,
  canUndo,
}: {
  batches: ImportBatch[]
  onUndo: (id: number) => Promise<void>
  canUndo: boolean
}) {
  if (batches.length === 0) return <Empty description="还没有导入过台账" />
  return (
    <Table<ImportBatch>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={batches}
      columns={[
        { title: '批次', dataIndex: 'id', width: 64 },
        { title: '导入时间', dataIndex: 'createdAt', width: 170 },
        { title: '操作人', dataIndex: 'actorName', width: 90 },
        { title: '文件', render: (_v, b) => `${b.fileName}${b.sheet ? ` · ${b.sheet}` : ''}` },
        {
          title: '内容',
          render: (_v, b) =>
            `来访 ${b.counts.visits} 条，问题 ${b.counts.issues} 个，咨询 ${b.counts.consultations} 件${b.rowsSkipped > 0 ? `；跳过 ${b.rowsSkipped} 行` : ''}${b.rowsDuplicate > 0 ? `；重复 ${b.rowsDuplicate} 行` : ''}`,
        },
        {
          title: '',
          width: 150,
          render: (_v, b) =>
            b.undoneAt ? (
              <Typography.Text type="secondary">已于 {b.undoneAt.slice(0, 16)} 撤销</Typography.Text>
            ) : (
              <Popconfirm
                title={`撤销导入批次 ${b.id}？`}
                description="该批次的来访登记将作废（注明“撤销导入批次”），其问题退出台账和统计。"
                okText="撤销"
                cancelText="取消"
                onConfirm={() => onUndo(b.id)}
                disabled={!canUndo}
              >
                <Button size="small" icon={<UndoOutlined />} disabled={!canUndo}>
                  撤销此批次
                </Button>
              </Popconfirm>
            ),
        },
      ]}
    />
  )
}
