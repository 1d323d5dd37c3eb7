import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Switch, Typography } from 'antd'
import { useEffect, useState } from 'react'
import type { Settings } from '../../../electron/contract/types'
import { api } from '../../api'
import { showSaveError } from '../../lib/forms'
import { useOperator } from '../../lib/operator'
import { useQuery } from '../../lib/useQuery'
import { SUPERVISOR_IDLE_MINUTES } from '../../../shared/sign-in'
import { useReference } from '../../lib/reference'

/**
 * 单位与台账: the bureau's name for printed sheets, what handover sheets show, how long a 负责人 may
 * leave the desk signed in, and where the ledger file is. Saving needs a 负责人 (the ledger checks).
 */
export function LedgerTab() {
  const { message } = App.useApp()
  const [form] = Form.useForm<Settings>()
  const { reload } = useReference()
  const settings = useQuery(() => api.settingsGet({}), [])
  const info = useQuery(() => api.appInfo({}), [])
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const { operator } = useOperator()

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data)
  }, [settings.data, form])

  const save = async (v: Settings) => {
    setSaving(true)
    setError(null)
    try {
      const before = settings.data
      const saved = await api.settingsUpdate({
        bureauName: v.bureauName,
        showVisitorOnHandover: v.showVisitorOnHandover,
        supervisorIdleMinutes: v.supervisorIdleMinutes,
        officePhone: v.officePhone ?? null,
        enterMovesToNextField: v.enterMovesToNextField,
        // Sent only when changed, so its audit row says the supervisor turned it on or off.
        ...(before && before.handoverFullPhone !== v.handoverFullPhone ? { handoverFullPhone: v.handoverFullPhone } : {}),
      })
      form.setFieldsValue(saved)
      reload()
      message.success('已保存单位设置')
    } catch (e) {
      setError(
        showSaveError(form, e, (_code, msg) =>
          msg.includes('单位名称')
            ? 'bureauName'
            : msg.includes('自动退出')
              ? 'supervisorIdleMinutes'
              : msg.includes('办公室电话')
                ? 'officePhone'
                : msg.includes('完整电话')
                  ? 'handoverFullPhone'
                  : null,
        ),
      )
    } finally {
      setSaving(false)
    }
  }

  return (
    <>
      <Card size="small" title="单位" style={{ marginBottom: 16 }}>
        {settings.error && <Alert type="error" showIcon title={settings.error} style={{ marginBottom: 12 }} />}
        <Form form={form} name="bureau" layout="vertical" onFinish={(v) => void save(v)} requiredMark={false} style={{ maxWidth: 640 }}>
          <Form.Item
            name="bureauName"
            label="单位名称（打印在交办单和月度汇总的抬头）"
            rules={[{ required: true, whitespace: true, message: '请填写单位名称' }]}
          >
            <Input maxLength={60} placeholder="如：某某市生态环境局某某分局" />
          </Form.Item>
          <Form.Item
            name="showVisitorOnHandover"
            label="交办单显示来访人姓名和电话"
            valuePropName="checked"
            extra="关闭后，打印的交办单不写来访人信息——反映他人问题的来访人常要求为其保密；来访人信息仍保存在台账中。"
          >
            <Switch checkedChildren="显示" unCheckedChildren="不显示" />
          </Form.Item>
          <Form.Item
            name="supervisorIdleMinutes"
            label="负责人自动退出（分钟）"
            extra="负责人登录后这么久没有操作，程序自动退出其登录，以免离开时别人用其身份查看个人信息或修改设置。"
            rules={[{ required: true, message: '请填写分钟数' }]}
          >
            <InputNumber min={SUPERVISOR_IDLE_MINUTES.min} max={SUPERVISOR_IDLE_MINUTES.max} precision={0} suffix="分钟" />
          </Form.Item>
          <Form.Item
            name="handoverFullPhone"
            label="交办单打印来访人完整电话（负责人设置）"
            valuePropName="checked"
            extra="默认只打印部分号码（138****5678），交办单注明向首问责任人或接待办公室取得联系方式。承办股室需直接电话答复来访人时，由负责人开启；开启和关闭均记入审计日志。"
          >
            <Switch checkedChildren="完整" unCheckedChildren="部分" />
          </Form.Item>
          <Form.Item name="officePhone" label="接待办公室电话（打印在交办单和受理回执上）">
            <Input maxLength={30} placeholder="如：0591-87650000" style={{ maxWidth: 240 }} />
          </Form.Item>
          <Form.Item
            name="enterMovesToNextField"
            label="登记表中 Enter 键"
            valuePropName="checked"
            extra="开：Enter 跳到下一项，在最后一项保存，Ctrl+Enter 随时保存。关：在任一项按 Enter 即保存（原来的用法）。"
          >
            <Switch checkedChildren="下一项" unCheckedChildren="保存" />
          </Form.Item>
          {operator?.role !== 'supervisor' && (
            <Typography.Paragraph type="secondary">修改设置须由负责人本人输入 PIN 登录后操作。</Typography.Paragraph>
          )}
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Button type="primary" htmlType="submit" loading={saving} disabled={!settings.data}>
            保存单位设置
          </Button>
        </Form>
      </Card>
      <Card size="small" title="台账文件">
        {info.error && <Alert type="error" showIcon title={info.error} style={{ marginBottom: 12 }} />}
        {info.data && (
          <Descriptions
            size="small"
            column={1}
            bordered
            style={{ marginBottom: 12 }}
            items={[
              {
                key: 'file',
                label: info.data.engine === 'pg' ? '台账服务器' : '台账文件位置',
                children: <Typography.Text copyable>{info.data.ledgerFile}</Typography.Text>,
              },
              { key: 'schema', label: '数据版本', children: info.data.schemaVersion || '未初始化' },
              { key: 'version', label: '程序版本', children: info.data.version },
            ]}
          />
        )}
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          本机文件的台账是一个 SQLite
          文件；几个窗口共用一本台账时改用台账服务器（见“台账”页）。要使用另一个台账文件（如培训用的副本；台账不能放在共享盘或网络驱动器上），请关闭程序后用启动参数{' '}
          <Typography.Text code>--ledger=路径</Typography.Text> 启动，或设置环境变量{' '}
          <Typography.Text code>LEDGER_FILE=路径</Typography.Text>。程序运行时台账旁还有同名的 -wal、-shm 文件；复制台账请先关闭程序。
        </Typography.Paragraph>
      </Card>
    </>
  )
}
