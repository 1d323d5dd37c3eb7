import { UserOutlined } from '@ant-design/icons'
import { App, Select, Space, Typography } from 'antd'
import { api } from '../api'
import { errorMessage } from '../lib/errors'
import { useOperator } from '../lib/operator'
import { useReference } from '../lib/reference'

export function OperatorPicker() {
  const { operator, setOperator } = useOperator()
  const { staff } = useReference()
  const { message } = App.useApp()
  const choose = async (staffId: number | null) => {
    try {
      setOperator(await api.operatorSelect({ staffId }))
    } catch (e) {
      message.error(errorMessage(e))
    }
  }
  return (
    <Space>
      <UserOutlined />
      <Typography.Text>值班人员</Typography.Text>
      <Select
        aria-label="值班人员"
        style={{ width: 160 }}
        placeholder="请选择本人"
        value={operator?.id ?? null}
        allowClear
        onChange={(v: number | null | undefined) => void choose(v ?? null)}
        options={staff.filter((s) => s.active).map((s) => ({ value: s.id, label: s.name }))}
      />
    </Space>
  )
}
