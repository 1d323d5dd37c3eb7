import { PlusOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Typography, type InputRef } from 'antd'
import { useEffect, useRef, useState } from 'react'
import type { CaseRules, Locality } from '../../../electron/contract/types'
import { api } from '../../api'
import { FormModal } from '../../components/FormModal'
import { useOperator } from '../../lib/operator'
import { useReference } from '../../lib/reference'
import { useSaving } from '../../lib/useSaving'
import { nextSortOrder, ReferenceListTable } from './ReferenceList'

const nameField = (code: string, message: string) =>
  code === 'duplicate' || code === 'required' || code === 'too_long' || message.includes('名称') ? 'name' : null

/** 属地与规则: the county's 乡镇 and 街道 every issue names, and the numbers the case file's rules read. */
export function LocalitiesTab() {
  return (
    <Row gutter={24}>
      <Col span={13}>
        <LocalityList />
      </Col>
      <Col span={11}>
        <CaseRulesCard />
      </Col>
    </Row>
  )
}

function LocalityList() {
  const { localities, reload } = useReference()
  const { message } = App.useApp()
  const [form] = Form.useForm<{ name: string }>()
  const inputRef = useRef<InputRef>(null)
  const { error, saving, submit } = useSaving(form, nameField)
  const [renaming, setRenaming] = useState<Locality | null>(null)
  const add = ({ name }: { name: string }) =>
    submit(async () => {
      const saved = await api.localitySave({ name, sortOrder: nextSortOrder(localities) })
      message.success(`已添加属地“${saved.name}”`)
      form.resetFields()
      reload()
      inputRef.current?.focus()
    })
  return (
    <>
      <Form form={form} name="locality-add" layout="inline" onFinish={(v) => void add(v)} style={{ marginBottom: error ? 8 : 16 }}>
        <Form.Item name="name" label="新属地（乡镇、街道）" rules={[{ required: true, whitespace: true, message: '请填写属地名称' }]}>
          <Input ref={inputRef} maxLength={30} placeholder="如：城关镇" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={saving}>
            添加属地
          </Button>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <ReferenceListTable<Locality>
        items={localities}
        nameTitle="属地"
        scrollY={360}
        editLabel="改名"
        onEdit={setRenaming}
        saveOrder={(l, sortOrder) => api.localitySave({ id: l.id, name: l.name, sortOrder })}
        saveActive={(l, active) => api.localitySave({ id: l.id, name: l.name, active })}
        reload={reload}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        列表中有使用中的属地后，登记每个受理问题都须选择属地；统计和问题台账可按属地查看。停用的属地不再供选择，已登记的问题不受影响。
      </Typography.Paragraph>
      {renaming && (
        <RenameModal
          locality={renaming}
          onClose={() => setRenaming(null)}
          onSaved={() => {
            setRenaming(null)
            reload()
          }}
        />
      )}
    </>
  )
}

function RenameModal({ locality, onSaved, onClose }: { locality: Locality; onSaved: () => void; onClose: () => void }) {
  const [form] = Form.useForm<{ name: string }>()
  const ref = useRef<InputRef>(null)
  return (
    <FormModal<{ name: string }>
      title={`属地改名：${locality.name}`}
      name="locality-rename"
      form={form}
      initialValues={{ name: locality.name }}
      focusRef={ref}
      fieldFor={nameField}
      save={async ({ name }) => {
        await api.localitySave({ id: locality.id, name })
        onSaved()
      }}
      onClose={onClose}
    >
      <Form.Item name="name" label="属地名称" rules={[{ required: true, whitespace: true, message: '请填写属地名称' }]}>
        <Input ref={ref} maxLength={30} />
      </Form.Item>
    </FormModal>
  )
}

const RULE_FIELDS: readonly { name: keyof CaseRules; label: string; min: number; max: number; unit: string; help: string }[] = [
  { name: 'repeatWindowDays', label: '重复件判定', min: 1, max: 3650, unit: '天内', help: '同一被反映对象或同一来访人、同一类别的问题' },
  { name: 'collectiveHeadcount', label: '集体访', min: 2, max: 999, unit: '人及以上', help: '一次现场来访的人数达到此数即为集体访' },
  { name: 'maxExtensions', label: '延期次数上限', min: 0, max: 10, unit: '次', help: '每个问题最多可延期的次数' },
  {
    name: 'extensionCeilingWorkdays',
    label: '延期累计上限',
    min: 1,
    max: 365,
    unit: '个工作日',
    help: '自最初办结时限起，延期后最晚不超过',
  },
]

/** The case file's rules: a supervisor's to change, everyone's to read. */
function CaseRulesCard() {
  const { caseRules, reload } = useReference()
  const { operator } = useOperator()
  const { message } = App.useApp()
  const [form] = Form.useForm<CaseRules>()
  const { error, saving, submit } = useSaving(form)
  const supervisor = operator?.role === 'supervisor'
  useEffect(() => {
    if (caseRules) form.setFieldsValue(caseRules)
  }, [caseRules, form])
  const save = (values: CaseRules) =>
    submit(async () => {
      await api.settingsUpdateCaseRules(values)
      message.success('已保存重复件、集体访和延期规则')
      reload()
    })
  return (
    <Card size="small" title="重复件、集体访与延期规则">
      <Form<CaseRules>
        form={form}
        name="case-rules"
        layout="horizontal"
        labelCol={{ span: 9 }}
        onFinish={(v) => void save(v)}
        disabled={!supervisor}
      >
        {RULE_FIELDS.map((r) => (
          <Form.Item key={r.name} label={r.label} extra={r.help} style={{ marginBottom: 12 }}>
            <Form.Item name={r.name} noStyle rules={[{ required: true, message: `请填写${r.label}` }]}>
              <InputNumber aria-label={r.label} min={r.min} max={r.max} precision={0} style={{ width: 100 }} />
            </Form.Item>
            <span style={{ marginLeft: 8 }}>{r.unit}</span>
          </Form.Item>
        ))}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" loading={saving}>
          保存规则
        </Button>
        {!supervisor && (
          <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
            须由负责人登录后修改
          </Typography.Text>
        )}
      </Form>
    </Card>
  )
}
