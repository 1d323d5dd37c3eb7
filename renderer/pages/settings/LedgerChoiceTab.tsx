import { ApiOutlined, SaveOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Radio, Space, Typography } from 'antd'
import { useEffect, useState } from 'react'
import type { LedgerChoiceView } from '../../../electron/contract'
import { api } from '../../api'
import { errorMessage } from '../../lib/errors'
import { useOperator } from '../../lib/operator'
import { useQuery } from '../../lib/useQuery'

type Tls = 'verify' | 'require' | 'off'

interface ChoiceForm {
  kind: 'file' | 'server'
  host: string
  port: number
  database: string
  user: string
  password?: string
  tls: Tls
}

const TLS_OPTIONS: { value: Tls; label: string }[] = [
  { value: 'verify', label: '要求并校验证书（推荐）' },
  { value: 'require', label: '要求（不校验证书）' },
  { value: 'off', label: '关闭' },
]

function formOf(view: LedgerChoiceView): ChoiceForm {
  const s = view.saved
  if (s.kind === 'file') return { kind: 'file', host: '', port: 5432, database: 'ledger', user: '', tls: 'verify' }
  return { kind: 'server', host: s.host, port: s.port, database: s.database, user: s.user, tls: s.tls }
}

/**
 * 台账: which ledger this PC opens at start. 本机文件 is the default and needs nothing set up;
 * 台账服务器 is a PostgreSQL server several desks share (host, port, database, user, password kept
 * sealed by this PC, TLS on by default). 测试连接 opens it as a desk would; 保存 (a 负责人) takes
 * effect at the next start.
 */
export function LedgerChoiceTab() {
  const { message } = App.useApp()
  const { operator } = useOperator()
  const supervisor = operator?.role === 'supervisor' && operator.id !== null
  const [version, setVersion] = useState(0)
  const view = useQuery(() => api.ledgerChoiceGet({}), [version])
  const [form] = Form.useForm<ChoiceForm>()
  const kind = Form.useWatch('kind', form)
  const tls = Form.useWatch('tls', form)
  const [testing, setTesting] = useState(false)
  const [saving, setSaving] = useState(false)
  const [tested, setTested] = useState<{ ok: boolean; text: string } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [savedNow, setSavedNow] = useState(false)
  const v = view.data

  // The saved choice fills the form when it comes in, unless someone has begun typing meanwhile:
  // an answer that arrives late never overwrites what was typed.
  useEffect(() => {
    if (v && !form.isFieldsTouched()) form.setFieldsValue(formOf(v))
  }, [v, form])

  const serverFields = (f: ChoiceForm) => ({
    host: f.host.trim(),
    port: f.port,
    database: f.database.trim(),
    user: f.user.trim(),
    tls: f.tls,
    // Left empty: the password saved for this server stays (or none is used).
    ...(f.password ? { password: f.password } : {}),
  })

  const test = async () => {
    setTested(null)
    let f: ChoiceForm
    try {
      f = await form.validateFields()
    } catch {
      return
    }
    setTesting(true)
    try {
      const r = await api.ledgerChoiceTest(serverFields(f))
      setTested({ ok: true, text: r.message })
    } catch (e) {
      setTested({ ok: false, text: errorMessage(e) })
    } finally {
      setTesting(false)
    }
  }

  const save = async (f: ChoiceForm) => {
    setSaving(true)
    setError(null)
    setSavedNow(false)
    try {
      await api.ledgerChoiceSave(f.kind === 'file' ? { kind: 'file' } : { kind: 'server', ...serverFields(f) })
      form.setFieldValue('password', undefined)
      setSavedNow(true)
      setVersion((n) => n + 1)
      message.success('已保存，重新启动程序后生效')
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setSaving(false)
    }
  }

  const passwordSaved = v?.saved.kind === 'server' && v.saved.passwordSaved
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 760 }}>
      {view.error && <Alert type="error" showIcon title={view.error} />}
      {v && (
        <Card size="small" title="本次使用的台账">
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'running',
                label: v.running.engine === 'pg' ? '台账服务器' : '本机文件',
                children: <Typography.Text copyable>{v.running.place}</Typography.Text>,
              },
            ]}
          />
          {v.overridden && (
            <Alert
              type="info"
              showIcon
              style={{ marginTop: 8 }}
              title="本次由启动参数或环境变量（--ledger、--pg、LEDGER_FILE、LEDGER_PG）指定台账；这里保存的选择在不带这些参数启动时生效。"
            />
          )}
        </Card>
      )}
      <Card size="small" title="启动时打开的台账">
        <Form<ChoiceForm>
          form={form}
          layout="horizontal"
          labelCol={{ flex: '120px' }}
          initialValues={{ kind: 'file', port: 5432, tls: 'verify' }}
          onFinish={(f) => void save(f)}
          onValuesChange={() => {
            setTested(null)
            setSavedNow(false)
          }}
        >
          <Form.Item name="kind" label="台账位置">
            <Radio.Group
              options={[
                { value: 'file', label: '本机文件（默认）' },
                { value: 'server', label: '台账服务器' },
              ]}
            />
          </Form.Item>
          {kind === 'file' && (
            <Typography.Paragraph type="secondary">
              台账保存在本机的一个加密文件中，无需任何设置；只有这一台电脑使用。几个窗口共用一本台账时，请 IT
              人员准备台账服务器后选择“台账服务器”。
            </Typography.Paragraph>
          )}
          {kind === 'server' && (
            <>
              <Form.Item name="host" label="服务器地址" rules={[{ required: true, whitespace: true, message: '请填写服务器地址' }]}>
                <Input placeholder="如 192.168.1.20 或 ledger.hbj.local" autoComplete="off" />
              </Form.Item>
              <Form.Item name="port" label="端口" rules={[{ required: true, message: '请填写端口' }]}>
                <InputNumber min={1} max={65535} precision={0} style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name="database" label="数据库" rules={[{ required: true, whitespace: true, message: '请填写数据库名' }]}>
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item name="user" label="用户名" rules={[{ required: true, whitespace: true, message: '请填写用户名' }]}>
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item
                name="password"
                label="密码"
                extra={
                  v?.canSealPassword === false
                    ? '本机无法加密保存密码：请由 IT 人员在本机设置 pgpass 后留空。'
                    : '密码由本机的 Windows 账户加密保存，不以明文写入磁盘。'
                }
              >
                <Input.Password autoComplete="new-password" placeholder={passwordSaved ? '已保存，不修改请留空' : undefined} />
              </Form.Item>
              <Form.Item name="tls" label="TLS 加密">
                <Radio.Group options={TLS_OPTIONS} />
              </Form.Item>
              {tls === 'require' && (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 12 }}
                  title="不校验证书时，连接虽加密，但网络上的他人可冒充台账服务器。请尽快由 IT 人员为服务器配置证书后改回“要求并校验证书”。"
                />
              )}
              {tls === 'off' && (
                <Alert
                  type="error"
                  showIcon
                  style={{ marginBottom: 12 }}
                  title="关闭 TLS 后，来访人姓名、电话等个人信息和密码以明文经过网络。仅在服务器就在本机，或 IT 人员确认线路可信时使用。"
                />
              )}
            </>
          )}
          {/* Announced as it comes: the answer arrives a while after 测试连接 is pressed. */}
          <div role="status" aria-label="测试连接的结果">
            {tested && <Alert type={tested.ok ? 'success' : 'error'} showIcon title={tested.text} style={{ marginBottom: 12 }} />}
          </div>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          {savedNow && (
            <Alert type="success" showIcon title="已保存。重新启动程序后生效，本次仍使用上面的台账。" style={{ marginBottom: 12 }} />
          )}
          <Space wrap>
            {kind === 'server' && (
              <Button icon={<ApiOutlined />} loading={testing} onClick={() => void test()}>
                测试连接
              </Button>
            )}
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving} disabled={!supervisor}>
              保存
            </Button>
          </Space>
          {!supervisor && (
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
              更改台账位置须由负责人本人输入 PIN 登录后保存。
            </Typography.Text>
          )}
        </Form>
      </Card>
    </Space>
  )
}
