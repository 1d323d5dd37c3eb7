import { LockOutlined, SaveOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Form, Input, Space, Typography } from 'antd'
import { useState } from 'react'
import type { ServerCopy } from '../../../electron/contract'
import { api } from '../../api'
import { errorMessage } from '../../lib/errors'
import { useOperator } from '../../lib/operator'

interface CopyForm {
  passphrase: string
  confirm: string
}

/**
 * 备份与恢复 on a server ledger: the server's backups and restores are IT's, on the server; a 负责人
 * may keep a local copy here (the same verified snapshot as `ledger export-local`), encrypted
 * under a recovery passphrase typed for it.
 */
export function ServerBackupTab({ server }: { server: string }) {
  const { message } = App.useApp()
  const { operator } = useOperator()
  const supervisor = operator?.role === 'supervisor' && operator.id !== null
  const [form] = Form.useForm<CopyForm>()
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [made, setMade] = useState<ServerCopy | null>(null)

  const copy = async (v: CopyForm) => {
    setSaving(true)
    setError(null)
    try {
      const result = await api.backupServerCopy({ passphrase: v.passphrase, confirm: v.confirm })
      if (result === null) return
      form.resetFields()
      setMade(result)
      message.success('已保存本地副本')
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 760 }}>
      <Alert
        type="info"
        showIcon
        title={`本机使用的是台账服务器 ${server} 上的台账`}
        description="服务器上的台账由 IT 人员在服务器上定期备份（pg_dump），恢复也在服务器上进行；本机不设备份文件夹，也不做每日自动备份。"
      />
      <Card size="small" title="立即备份：另存一份本地副本">
        <Typography.Paragraph type="secondary">
          把服务器上此刻的整本台账另存为一个加密的本地台账文件（校验后才保留），各窗口照常登记不受影响。副本含全部个人信息，须由负责人操作，并为它设定恢复口令（至少
          12 个字符）：在其他电脑上打开副本时需要这个口令。
        </Typography.Paragraph>
        {!supervisor ? (
          <Alert type="info" showIcon title="另存本地副本须由负责人本人输入 PIN 登录后操作。" />
        ) : (
          <Form form={form} layout="vertical" onFinish={(v) => void copy(v)} style={{ maxWidth: 480 }}>
            <Form.Item name="passphrase" label="副本的恢复口令" rules={[{ required: true, message: '请输入副本的恢复口令' }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="new-password" aria-label="副本的恢复口令" />
            </Form.Item>
            <Form.Item name="confirm" label="再输入一次" rules={[{ required: true, message: '请再输入一次恢复口令' }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="new-password" aria-label="再输入一次" />
            </Form.Item>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving}>
              立即备份…
            </Button>
          </Form>
        )}
        {made && made.fileProblems.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 12 }}
            title={`服务器上有 ${made.fileProblems.length} 个附件文件缺失或内容已被改动，副本中也没有它们`}
            description={`${made.fileProblems.slice(0, 5).join('；')}。请联系 IT 人员运行 npm run ledger -- check --pg 查看。`}
          />
        )}
        {made && (
          <Alert
            type="success"
            showIcon
            style={{ marginTop: 12 }}
            title="本地副本已保存并校验"
            description={
              <Space orientation="vertical" size={2}>
                <Typography.Text copyable>{made.file}</Typography.Text>
                <Typography.Text type="secondary">
                  共 {made.rows} 条记录，其中审计日志 {made.auditRows} 条。
                </Typography.Text>
                {made.files > 0 && (
                  <Typography.Text type="secondary">
                    问题附件 {made.files} 个保存在副本旁的文件夹 {made.filesFolder} 中（加密），请与副本文件一起保管、一起复制。
                  </Typography.Text>
                )}
              </Space>
            }
          />
        )}
      </Card>
    </Space>
  )
}

/** 加密与恢复口令 on a server ledger: nothing of this PC's to set; said plainly instead of a form that would be refused. */
export function ServerRecoveryNote() {
  return (
    <Alert
      type="info"
      showIcon
      style={{ maxWidth: 760 }}
      title="台账服务器上的台账没有本机密钥与恢复口令"
      description="数据由服务器保管：各窗口以数据库账号登录，经 TLS 加密连接读写；服务器的磁盘加密与备份由 IT 人员负责。“备份与恢复”中另存的本地副本在保存时设定它自己的恢复口令。"
    />
  )
}
