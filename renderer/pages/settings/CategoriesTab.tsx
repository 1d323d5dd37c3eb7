import { PlusOutlined } from '@ant-design/icons'
import { Alert, App, Button, Form, Input, InputNumber, Select, Space, Typography, type InputRef } from 'antd'
import { useRef, useState } from 'react'
import type { Category, LimitUnit } from '../../../electron/contract/types'
import { describeLimit, limitUnit } from '../../../shared/codes/petitions'
import { api } from '../../api'
import { useReference } from '../../lib/reference'
import { FormModal } from '../../components/FormModal'
import { useSaving } from '../../lib/useSaving'
import { nextSortOrder, ReferenceListTable } from './ReferenceList'

interface Values {
  name: string
  timeLimitDays: number | null
  timeLimitUnit: LimitUnit
}

const UNITS = limitUnit.options().map((o) => ({ value: o.value, label: `个${o.label}` }))

function fieldFor(code: string, message: string): string | null {
  if (message.includes('时限')) return 'timeLimitDays'
  if (code === 'duplicate' || code === 'required' || code === 'too_long' || message.includes('名称')) return 'name'
  return null
}

/** 问题类别 with the working days an issue of that kind has before it is due. */
export function CategoriesTab() {
  const { categories, reload } = useReference()
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const inputRef = useRef<InputRef>(null)
  const { error, saving, submit } = useSaving(form, fieldFor)
  const [editing, setEditing] = useState<Category | null>(null)

  const add = (v: Values) =>
    submit(async () => {
      const saved = await api.categorySave({
        name: v.name,
        timeLimitDays: v.timeLimitDays ?? 0,
        timeLimitUnit: v.timeLimitUnit,
        sortOrder: nextSortOrder(categories),
      })
      message.success(`已添加问题类别“${saved.name}”，办结时限 ${describeLimit(saved.timeLimitDays, saved.timeLimitUnit)}`)
      form.resetFields()
      reload()
      inputRef.current?.focus()
    })

  return (
    <>
      <Form
        form={form}
        name="category-add"
        layout="inline"
        onFinish={(v) => void add(v)}
        initialValues={{ timeLimitDays: 15, timeLimitUnit: 'workdays' }}
        style={{ marginBottom: error ? 8 : 16 }}
      >
        <Form.Item name="name" label="新类别名称" rules={[{ required: true, whitespace: true, message: '请填写类别名称' }]}>
          <Input ref={inputRef} autoFocus maxLength={30} placeholder="如：机动车尾气" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="timeLimitDays" label="办结时限" rules={[{ required: true, message: '请填写办结时限' }]}>
          <InputNumber min={1} max={365} precision={0} style={{ width: 80 }} />
        </Form.Item>
        <Form.Item name="timeLimitUnit">
          <Select options={UNITS} style={{ width: 110 }} aria-label="时限单位" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={saving}>
            添加类别
          </Button>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16, maxWidth: 640 }} />}
      <ReferenceListTable<Category>
        items={categories}
        nameTitle="类别名称"
        extraColumns={[
          {
            title: '默认办结时限',
            dataIndex: 'timeLimitDays',
            width: 140,
            render: (n: number, c) => `${n} 个${limitUnit.label(c.timeLimitUnit)}`,
          },
        ]}
        scrollY={380}
        editLabel="修改"
        onEdit={setEditing}
        saveOrder={(c, sortOrder) => api.categorySave({ id: c.id, name: c.name, timeLimitDays: c.timeLimitDays, sortOrder })}
        saveActive={(c, active) => api.categorySave({ id: c.id, name: c.name, timeLimitDays: c.timeLimitDays, active })}
        reload={reload}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        办结时限按工作日计算（扣除法定节假日，计入调休上班日）或按自然日计算（节假日不扣除），从受理当日的次日起算。信访事项、转办件的时限另按信访程序和转办单位的要求计算。修改时限只影响此后受理的问题；停用的类别不能再用于登记，已有记录不受影响。
      </Typography.Paragraph>
      {editing && (
        <EditModal
          category={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null)
            reload()
          }}
        />
      )}
    </>
  )
}

function EditModal({ category, onSaved, onClose }: { category: Category; onSaved: () => void; onClose: () => void }) {
  const [form] = Form.useForm<Values>()
  const { message } = App.useApp()
  const ref = useRef<InputRef>(null)
  const save = async (v: Values) => {
    const saved = await api.categorySave({
      id: category.id,
      name: v.name,
      timeLimitDays: v.timeLimitDays ?? 0,
      timeLimitUnit: v.timeLimitUnit,
    })
    message.success(`已保存“${saved.name}”`)
    onSaved()
  }
  return (
    <FormModal<Values>
      title={`修改问题类别：${category.name}`}
      name="category-edit"
      draftKey={`category:${category.id}`}
      form={form}
      initialValues={{ name: category.name, timeLimitDays: category.timeLimitDays, timeLimitUnit: category.timeLimitUnit }}
      focusRef={ref}
      fieldFor={fieldFor}
      save={save}
      onClose={onClose}
    >
      <Form.Item name="name" label="类别名称" rules={[{ required: true, whitespace: true, message: '请填写类别名称' }]}>
        <Input ref={ref} maxLength={30} />
      </Form.Item>
      <Form.Item label="默认办结时限" required>
        <Space.Compact>
          <Form.Item name="timeLimitDays" noStyle rules={[{ required: true, message: '请填写办结时限' }]}>
            <InputNumber min={1} max={365} precision={0} style={{ width: 100 }} aria-label="默认办结时限" />
          </Form.Item>
          <Form.Item name="timeLimitUnit" noStyle>
            <Select options={UNITS} style={{ width: 120 }} aria-label="时限单位" />
          </Form.Item>
        </Space.Compact>
      </Form.Item>
    </FormModal>
  )
}
