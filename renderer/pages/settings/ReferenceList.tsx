import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons'
import { Button, Space, Table, Tag, Typography, type TableColumnsType } from 'antd'
import { useRowAction } from '../../lib/useRowAction'
import { moved } from './reorder'

/** A row of a settings list the office keeps in its own order and stops rather than deletes. */
interface ListItem {
  id: number
  name: string
  active: boolean
  sortOrder: number
}

/** The position after the last item, for one being added. */
export const nextSortOrder = (items: readonly ListItem[]) => items.reduce((m, x) => Math.max(m, x.sortOrder), -1) + 1

interface TableProps<T extends ListItem> {
  items: T[]
  nameTitle: string
  /** Columns between the name and the state. */
  extraColumns?: TableColumnsType<T>
  scrollY: number
  editLabel: string
  onEdit: (item: T) => void
  /** Saves one item at a new position. */
  saveOrder: (item: T, sortOrder: number) => Promise<unknown>
  saveActive: (item: T, active: boolean) => Promise<unknown>
  reload: () => void
}

/** The list: move up and down, rename, stop and restart. */
export function ReferenceListTable<T extends ListItem>({
  items,
  nameTitle,
  extraColumns = [],
  scrollY,
  editLabel,
  onEdit,
  saveOrder,
  saveActive,
  reload,
}: TableProps<T>) {
  const { busy, run } = useRowAction(reload)

  const move = (x: T, delta: -1 | 1) =>
    void run(async () => {
      for (const { item, sortOrder } of moved(items, x.id, delta)) await saveOrder(item, sortOrder)
    }, `已调整“${x.name}”的顺序`)

  return (
    <Table<T>
      size="small"
      rowKey="id"
      dataSource={items}
      pagination={false}
      scroll={{ y: scrollY }}
      columns={[
        {
          title: '顺序',
          width: 90,
          render: (_, x, i) => (
            <Space size={0}>
              <Button
                type="text"
                size="small"
                icon={<ArrowUpOutlined />}
                aria-label={`上移 ${x.name}`}
                disabled={busy || i === 0}
                onClick={() => move(x, -1)}
              />
              <Button
                type="text"
                size="small"
                icon={<ArrowDownOutlined />}
                aria-label={`下移 ${x.name}`}
                disabled={busy || i === items.length - 1}
                onClick={() => move(x, 1)}
              />
            </Space>
          ),
        },
        {
          title: nameTitle,
          dataIndex: 'name',
          render: (name: string, x) => <Typography.Text type={x.active ? undefined : 'secondary'}>{name}</Typography.Text>,
        },
        ...extraColumns,
        {
          title: '状态',
          dataIndex: 'active',
          width: 90,
          render: (active: boolean) => (active ? <Tag color="green">使用中</Tag> : <Tag>已停用</Tag>),
        },
        {
          title: '操作',
          width: 160,
          render: (_, x) => (
            <Space size={4}>
              <Button size="small" type="link" onClick={() => onEdit(x)}>
                {editLabel}
              </Button>
              <Button
                size="small"
                type="link"
                danger={x.active}
                disabled={busy}
                onClick={() => void run(() => saveActive(x, !x.active), x.active ? `已停用“${x.name}”` : `已启用“${x.name}”`)}
              >
                {x.active ? '停用' : '启用'}
              </Button>
            </Space>
          ),
        },
      ]}
    />
  )
}
