import { LockOutlined, PlusOutlined } from '@ant-design/icons'
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  Flex,
  Form,
  Input,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
  type InputRef,
} from 'antd'
import { useRef, useState } from 'react'
import type { Staff, StaffRole } from '../../../electron/contract/types'
import { api } from '../../api'
import { FormModal } from '../../components/FormModal'
import { blankToNull, blankToUndefined } from '../../lib/forms'
import { optionsOf, STAFF_ROLE } from '../../lib/labels'
import { maskedPlaceholder } from '../../lib/maskedPlaceholder'
import { useReference } from '../../lib/reference'
import { useRowAction } from '../../lib/useRowAction'
import { PinModal } from './PinModal'

/** 人员: who works the desk, who is a leader, who takes assignments. Leaving staff are stopped, not deleted. */
export function StaffTab() {
  const { staff, reload } = useReference()
  const [editing, setEditing] = useState<Staff | 'new' | null>(null)
  const { busy, run } = useRowAction(reload)
  const [pinFor, setPinFor] = useState<{ staff: Staff; mode: 'set' | 'clear' } | null>(null)

  const toggle = (s: Staff) =>
    run(() => api.staffSave({ id: s.id, name: s.name, active: !s.active }), s.active ? `已停用“${s.name}”` : `已启用“${s.name}”`)

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">接待领导从“领导”中选；交办时从各股室的人员中选承办人。</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} autoFocus>
          新增人员
        </Button>
      </Flex>
      <Table<Staff>
        size="small"
        rowKey="id"
        dataSource={staff}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          {
            title: '姓名',
            dataIndex: 'name',
            width: 110,
            render: (name: string, s) => <Typography.Text type={s.active ? undefined : 'secondary'}>{name}</Typography.Text>,
          },
          { title: '股室', dataIndex: 'departmentName', render: (v: string | null) => v ?? '—' },
          { title: '职务', dataIndex: 'title', width: 120, render: (v: string | null) => v ?? '—' },
          { title: '角色', dataIndex: 'role', width: 120, render: (r: StaffRole) => STAFF_ROLE[r] },
          { title: '领导', dataIndex: 'isLeader', width: 70, render: (v: boolean) => (v ? <Tag color="gold">领导</Tag> : '') },
          { title: '电话', dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
          {
            title: '状态',
            dataIndex: 'active',
            width: 80,
            render: (v: boolean) => (v ? <Tag color="green">在岗</Tag> : <Tag>已停用</Tag>),
          },
          {
            title: 'PIN',
            dataIndex: 'hasPin',
            width: 70,
            render: (v: boolean, s) =>
              !v ? (
                <Typography.Text type="secondary">未设</Typography.Text>
              ) : s.pinInitial ? (
                <Tag icon={<LockOutlined />} color="orange">
                  初始
                </Tag>
              ) : (
                <Tag icon={<LockOutlined />}>已设</Tag>
              ),
          },
          {
            title: '操作',
            width: 250,
            render: (_, s) => (
              <Space size={0}>
                <Button size="small" type="link" onClick={() => setEditing(s)}>
                  修改
                </Button>
                <Button size="small" type="link" danger={s.active} disabled={busy} onClick={() => void toggle(s)}>
                  {s.active ? '停用' : '启用'}
                </Button>
                {s.active && (
                  <Button size="small" type="link" onClick={() => setPinFor({ staff: s, mode: 'set' })}>
                    {s.hasPin ? '修改 PIN' : '设置 PIN'}
                  </Button>
                )}
                {s.hasPin && s.role !== 'supervisor' && (
                  <Button size="small" type="link" danger onClick={() => setPinFor({ staff: s, mode: 'clear' })}>
                    清除 PIN
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {pinFor && (
        <PinModal
          staff={pinFor.staff}
          mode={pinFor.mode}
          onClose={() => setPinFor(null)}
          onDone={() => {
            setPinFor(null)
            reload()
          }}
        />
      )}
      {editing && (
        <StaffModal
          staff={editing === 'new' ? null : editing}
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

/** What giving someone the 负责人 role means for their sign-in. */
function SupervisorPinNote({ staff }: { staff: Staff | null }) {
  const { staff: everyone } = useReference()
  const protectedOffice = everyone.some((s) => s.active && s.role === 'supervisor' && s.hasPin && s.id !== staff?.id)
  if (staff?.hasPin && !staff.pinInitial) return null
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      title={
        protectedOffice
          ? '负责人只能用本人的 PIN 登录：保存后请点“设置 PIN”为其设置初始 PIN 并当面告知，本人首次登录时须改为自己的 PIN。'
          : '负责人只能用本人的 PIN 登录：本人首次在右上角选择自己时，须先设置自己的 PIN（4 至 12 位数字）。'
      }
    />
  )
}

interface Values {
  name: string
  departmentId: number | null
  title?: string
  role: StaffRole
  isLeader: boolean
  phone?: string
  active: boolean
}

function fieldFor(code: string, message: string): string | null {
  if (code === 'invalid_phone' || message.includes('电话')) return 'phone'
  if (message.includes('职务')) return 'title'
  if (message.includes('股室')) return 'departmentId'
  if (message.includes('姓名')) return 'name'
  return null
}

function StaffModal({ staff, onSaved, onClose }: { staff: Staff | null; onSaved: () => void; onClose: () => void }) {
  const [form] = Form.useForm<Values>()
  const { message } = App.useApp()
  const { departments } = useReference()
  const ref = useRef<InputRef>(null)

  const save = async (v: Values) => {
    // The stored number is only ever shown masked: blank keeps it when editing.
    const phone = staff ? blankToUndefined(v.phone) : blankToNull(v.phone)
    const saved = await api.staffSave({
      ...(staff ? { id: staff.id } : {}),
      name: v.name,
      departmentId: v.departmentId,
      title: blankToNull(v.title),
      role: v.role,
      isLeader: v.isLeader,
      ...(phone !== undefined ? { phone } : {}),
      active: v.active,
    })
    message.success(staff ? `已保存“${saved.name}”` : `已添加人员“${saved.name}”`)
    onSaved()
  }

  const initial: Values = staff
    ? {
        name: staff.name,
        departmentId: staff.departmentId,
        title: staff.title ?? '',
        role: staff.role,
        isLeader: staff.isLeader,
        phone: '',
        active: staff.active,
      }
    : { name: '', departmentId: null, title: '', role: 'desk', isLeader: false, phone: '', active: true }

  return (
    <FormModal<Values>
      title={staff ? `修改人员：${staff.name}` : '新增人员'}
      name="staff"
      form={form}
      initialValues={initial}
      focusRef={ref}
      fieldFor={fieldFor}
      save={save}
      onClose={onClose}
      width={600}
    >
      <Row gutter={12}>
        <Col span={10}>
          <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
            <Input ref={ref} maxLength={20} />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="departmentId" label="所在股室">
            <Select
              allowClear
              placeholder="可不选"
              options={departments.filter((d) => d.active || d.id === staff?.departmentId).map((d) => ({ value: d.id, label: d.name }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={10}>
          <Form.Item name="title" label="职务">
            <Input maxLength={30} placeholder="如：副局长、股长" />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="role" label="角色">
            <Select options={optionsOf(STAFF_ROLE, ['desk', 'supervisor', 'handler'])} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item noStyle shouldUpdate={(a: Values, b: Values) => a.role !== b.role}>
        {({ getFieldValue }) => getFieldValue('role') === 'supervisor' && <SupervisorPinNote staff={staff} />}
      </Form.Item>
      <Row gutter={12}>
        <Col span={10}>
          <Form.Item name="phone" label="联系电话">
            <Input maxLength={30} placeholder={staff ? maskedPlaceholder(staff.phone) : '可不填'} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="isLeader" label="领导" valuePropName="checked" tooltip="领导可任接待日的接待领导和问题的包案领导">
            <Checkbox>是局领导</Checkbox>
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="active" label="在岗" valuePropName="checked">
            <Switch checkedChildren="在岗" unCheckedChildren="停用" />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  )
}
