import { LockOutlined, PrinterOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Descriptions, Form, Input, Space, Typography } from 'antd'
import { useState } from 'react'
import { api } from '../../api'
import { errorMessage } from '../../lib/errors'
import { useOperator } from '../../lib/operator'
import { holdForSheet } from '../../lib/recovery-passphrase'
import { navigate } from '../../lib/route'
import { useQuery } from '../../lib/useQuery'

interface PassphraseForm {
  passphrase: string
  confirm: string
}

/**
 * 加密与恢复口令: the ledger and its backups are encrypted; this PC opens them without asking.
 * The recovery passphrase (a 负责人, with their own PIN) opens them on another PC; it is printed
 * once on the recovery sheet for the safe, and can be changed (the key is rewrapped, the file is
 * not re-encrypted).
 */
export function RecoveryTab() {
  const { operator } = useOperator()
  const supervisor = operator?.role === 'supervisor' && operator.id !== null
  const [version, setVersion] = useState(0)
  const status = useQuery(() => api.recoveryStatus({}), [version])
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [form] = Form.useForm<PassphraseForm>()
  const s = status.data

  const save = async (values: PassphraseForm) => {
    setSaving(true)
    setError(null)
    try {
      await api.recoverySet({ passphrase: values.passphrase, confirm: values.confirm })
      form.resetFields()
      setVersion((n) => n + 1)
      holdForSheet(values.passphrase)
      navigate('print', { kind: 'recovery' })
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 760 }}>
      {status.error && <Alert type="error" showIcon title={status.error} />}
      {s && (
        <Card size="small" title="台账加密">
          <Descriptions size="small" column={1}>
            <Descriptions.Item label="台账文件与备份">{s.encrypted ? '已加密（SQLCipher 4 格式）' : '未加密'}</Descriptions.Item>
            <Descriptions.Item label="本机打开">
              {s.sealedHere ? '密钥已由本机当前 Windows 账户保管，打开时不必输入' : '本机未保管密钥'}
            </Descriptions.Item>
            <Descriptions.Item label="恢复口令">
              {s.recoverySet ? `已设置（${s.setAt ?? ''}）` : <Typography.Text type="danger">尚未设置</Typography.Text>}
            </Descriptions.Item>
            {s.keyCheck && <Descriptions.Item label="密钥标识">{s.keyCheck}</Descriptions.Item>}
          </Descriptions>
          {!s.recoverySet && (
            <Alert
              type="warning"
              showIcon
              title="尚未设置恢复口令：换电脑、重装系统或在另一台电脑上恢复备份时，将无法打开台账。请负责人尽快设置并打印恢复口令单。"
            />
          )}
        </Card>
      )}
      <Card size="small" title={s?.recoverySet ? '更改恢复口令' : '设置恢复口令'}>
        {!supervisor ? (
          <Alert type="info" showIcon title="恢复口令须由负责人本人输入 PIN 登录后设置或更改。" />
        ) : (
          <Form form={form} layout="vertical" onFinish={(v) => void save(v)} style={{ maxWidth: 480 }}>
            <Typography.Paragraph type="secondary">
              至少 {s?.minLength ?? 12} 个字符，可用一句好记的话。设置后会打开《台账恢复口令单》供打印一次，放入保险柜；程序不保存口令本身。
              {s?.recoverySet ? '更改后，已拷到别处（如 U 盘）的旧备份仍只能用旧口令打开。' : ''}
            </Typography.Paragraph>
            <Form.Item name="passphrase" label="恢复口令" rules={[{ required: true, message: '请输入恢复口令' }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="new-password" aria-label="恢复口令" />
            </Form.Item>
            <Form.Item name="confirm" label="再输入一次" rules={[{ required: true, message: '请再输入一次恢复口令' }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="new-password" aria-label="再输入一次" />
            </Form.Item>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
            <Button type="primary" htmlType="submit" icon={<PrinterOutlined />} loading={saving}>
              {s?.recoverySet ? '更改并打印恢复口令单' : '设置并打印恢复口令单'}
            </Button>
          </Form>
        )}
      </Card>
    </Space>
  )
}
