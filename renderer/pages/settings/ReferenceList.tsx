import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons'
import { Alert, App, Button, Flex, Form, Modal, Space, Table, Tag, Typography, type FormInstance, type FormProps, type InputRef, type TableColumnsType } from 'antd'
import { useState, type ReactNode, type RefObject } from 'react'
import { errorMessage } from '../../lib/errors'
import { showSaveError } from '../../lib/forms'
import { moved } from './reorder'

/** A row of a settings list the office keeps in its own order and stops rather than deletes. */
interface ListItem {
  id: number
  name: string
  active: boolean
  sortOrder: number
}

type FieldFor = (code: string, message: string) => string | null

/** A save in progress and its refusal: shown beside its field when `fieldFor` can tell, and returned for an alert. */
export function useSaving<V>(form: FormInstance<V>, fieldFor: FieldFor) {
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const submit = async (work: () => Promise<void>) => {
    setSaving(true)
    setError(null)
    try {
      await work()
    } catch (e) {
      setError(showSaveError(form, e, fieldFor))
    } finally {
      setSaving(false)
    }
  }
  return { error, saving, submit }
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
export function ReferenceListTable<T extends ListItem>({ items, nameTitle, extraColumns = [], scrollY, editLabel, onEdit, saveOrder, saveActive, reload }: TableProps<T>) {
  const { message } = App.useApp()
  const [busy, setBusy] = useState(false)

  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true)
    try {
      await work()
      message.success(done)
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setBusy(false)
      reload()
    }
  }

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
              <Button type="text" size="small" icon={<ArrowUpOutlined />} aria-label={`上移 ${x.name}`} disabled={busy || i === 0} onClick={() => move(x, -1)} />
              <Button type="text" size="small" icon={<ArrowDownOutlined />} aria-label={`下移 ${x.name}`} disabled={busy || i === items.length - 1} onClick={() => move(x, 1)} />
            </Space>
          ),
        },
        { title: nameTitle, dataIndex: 'name', render: (name: string, x) => <Typography.Text type={x.active ? undefined : 'secondary'}>{name}</Typography.Text> },
        ...extraColumns,
        { title: '状态', dataIndex: 'active', width: 90, render: (active: boolean) => (active ? <Tag color="green">使用中</Tag> : <Tag>已停用</Tag>) },
        {
          title: '操作',
          width: 160,
          render: (_, x) => (
            <Space size={4}>
              <Button size="small" type="link" onClick={() => onEdit(x)}>
                {editLabel}
              </Button>
              <Button size="small" type="link" danger={x.active} disabled={busy} onClick={() => void run(() => saveActive(x, !x.active), x.active ? `已停用“${x.name}”` : `已启用“${x.name}”`)}>
                {x.active ? '停用' : '启用'}
              </Button>
            </Space>
          ),
        },
      ]}
    />
  )
}

interface ModalProps<V> {
  title: string
  /** The form's name (its fields' ids start with it). */
  name: string
  form: FormInstance<V>
  initialValues: FormProps<V>['initialValues']
  /** The box that has the focus once the dialog is open. */
  focusRef: RefObject<InputRef | null>
  fieldFor: FieldFor
  /** Saves; a throw is shown beside its field and above the buttons, the values left as typed. */
  save: (values: V) => Promise<void>
  onClose: () => void
  children: ReactNode
}

/** The dialog that corrects one item: its fields, a refused save's message, 取消 and 保存. */
export function ItemEditModal<V>({ title, name, form, initialValues, focusRef, fieldFor, save, onClose, children }: ModalProps<V>) {
  const { error, saving, submit } = useSaving(form, fieldFor)
  return (
    <Modal open title={title} onCancel={onClose} footer={null} afterOpenChange={(open) => open && focusRef.current?.focus()} destroyOnHidden>
      <Form<V> form={form} name={name} layout="vertical" initialValues={initialValues} onFinish={(v) => void submit(() => save(v))} requiredMark={false}>
        {children}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" htmlType="submit" loading={saving}>
            保存
          </Button>
        </Flex>
      </Form>
    </Modal>
  )
}
