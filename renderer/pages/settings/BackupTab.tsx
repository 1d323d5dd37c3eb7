import { CloudDownloadOutlined, FolderOpenOutlined, SaveOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Descriptions, Flex, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd'
import { useState } from 'react'
import type { BackupInfo, BackupKind, BackupOverview, RestoreResult } from '../../../electron/contract/types'
import { api } from '../../api'
import { errorMessage } from '../../lib/errors'
import { useOperator } from '../../lib/operator'
import { useQuery } from '../../lib/useQuery'
import { listWaiting } from '../../lib/listWaiting'

const KIND_COLOR: Record<BackupKind, string> = {
  daily: 'blue',
  manual: 'green',
  'pre-migration': 'purple',
  'pre-restore': 'gold',
  damaged: 'red',
}

/** 12.3 MB / 860 KB: how big a copy is, for judging a USB drive's room. */
export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}

/**
 * 备份与恢复: where the copies go, the copies themselves, 立即备份, and 恢复 for a 负责人.
 * A restore keeps the ledger it replaces as a copy first, and signs everyone out.
 */
export function BackupTab() {
  const { message, modal } = App.useApp()
  const { operator, setOperator } = useOperator()
  const supervisor = operator?.role === 'supervisor' && operator.id !== null
  const [version, setVersion] = useState(0)
  const overview = useQuery(() => api.backupList({}), [version])
  const [backingUp, setBackingUp] = useState(false)
  const [restored, setRestored] = useState<RestoreResult | null>(null)
  const [folderError, setFolderError] = useState<string | null>(null)
  const [savingFolder, setSavingFolder] = useState(false)
  const o = overview.data

  const backupNow = async () => {
    setBackingUp(true)
    try {
      const made = await api.backupNow({})
      message.success(`已备份：${made.name}`)
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setBackingUp(false)
      setVersion((n) => n + 1)
    }
  }

  // The folder is picked in the system's folder dialog (main), never typed; null: cancelled.
  const changeFolder = async (change: () => Promise<BackupOverview | null>) => {
    setSavingFolder(true)
    setFolderError(null)
    try {
      const next = await change()
      if (next === null) return
      message.success(next.isDefault ? '备份改回默认文件夹' : `备份文件夹已改为 ${next.folder}`)
      setVersion((n) => n + 1)
    } catch (e) {
      setFolderError(errorMessage(e))
    } finally {
      setSavingFolder(false)
    }
  }

  const confirmRestore = (b: BackupInfo) => {
    modal.confirm({
      title: '从这份备份恢复台账？',
      width: 520,
      content: (
        <Space orientation="vertical" size={4}>
          <Typography.Text>
            {b.kindLabel}：{b.createdAt}
          </Typography.Text>
          <Typography.Text>恢复后，台账回到这份备份时的状态，此后登记、办理的内容都不在恢复后的台账中。</Typography.Text>
          <Typography.Text strong>
            恢复前，当前台账会先完整保留一份副本（“恢复前保留的台账”），放在备份文件夹中，需要时可再恢复回来。
          </Typography.Text>
          <Typography.Text type="secondary">恢复后所有人需重新选择值班人员登录。</Typography.Text>
        </Space>
      ),
      okText: '恢复',
      okButtonProps: { danger: true },
      // Replacing the ledger is never the default answer to a stray Enter.
      autoFocusButton: 'cancel',
      cancelText: '取消',
      onOk: async () => {
        try {
          const result = await api.backupRestore({ name: b.name })
          // The restored ledger may not have the same people: everyone signs in again.
          setOperator(null)
          setRestored(result)
          setVersion((n) => n + 1)
        } catch (e) {
          message.error(errorMessage(e))
        }
      },
    })
  }

  return (
    <>
      {overview.error && <Alert type="error" showIcon title={overview.error} style={{ marginBottom: 12 }} />}
      <Card size="small" title="备份文件夹" style={{ marginBottom: 16 }}>
        {o && (
          <Descriptions
            size="small"
            column={1}
            bordered
            style={{ marginBottom: 12 }}
            items={[
              {
                key: 'folder',
                label: '备份保存在',
                children: (
                  <Space wrap size={4}>
                    <Typography.Text copyable>{o.folder}</Typography.Text>
                    {o.isDefault ? <Tag>默认文件夹（台账文件旁）</Tag> : <Tag color="blue">自选文件夹</Tag>}
                  </Space>
                ),
              },
            ]}
          />
        )}
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          可选择 U
          盘或第二块硬盘上的文件夹：这台电脑或台账所在的磁盘损坏时，备份仍在。不能选择网络共享文件夹或映射的网络驱动器（备份含个人信息，不应写到其他电脑上）。所选文件夹暂时不可用（如
          U 盘未插）时，当天的自动备份改存默认文件夹，程序启动时会提示。
        </Typography.Paragraph>
        <Space wrap>
          <Button
            type="primary"
            icon={<FolderOpenOutlined />}
            loading={savingFolder}
            disabled={!supervisor}
            onClick={() => void changeFolder(() => api.backupFolderChoose({}))}
          >
            选择备份文件夹…
          </Button>
          {o && !o.isDefault && (
            <Button onClick={() => void changeFolder(() => api.backupFolderReset({}))} disabled={savingFolder || !supervisor}>
              改回默认文件夹
            </Button>
          )}
        </Space>
        {!supervisor && (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
            更改备份文件夹须由负责人登录后操作。
          </Typography.Text>
        )}
        {folderError && <Alert type="error" showIcon title={folderError} style={{ marginTop: 8 }} />}
      </Card>

      <Card
        size="small"
        title="备份"
        extra={
          <Button type="primary" icon={<SaveOutlined />} loading={backingUp} onClick={() => void backupNow()}>
            立即备份
          </Button>
        }
      >
        {o && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            每天第一次打开程序时自动备份一次，升级台账前也会先备份。例行备份（每日自动备份和手动备份）保留最近 {o.keepDays}{' '}
            天的每一份，另保留最近 {o.keepMonths} 个月每月最新的一份，更早的自动清理；升级前和恢复前保留的副本不会被清理。
          </Typography.Paragraph>
        )}
        <Table<BackupInfo>
          size="small"
          rowKey="name"
          {...listWaiting(overview.loading, o !== undefined, '还没有备份，点击右上角“立即备份”')}
          dataSource={o?.backups ?? []}
          pagination={{ pageSize: 6, hideOnSinglePage: true, size: 'small' }}
          columns={[
            {
              title: '类型',
              dataIndex: 'kindLabel',
              width: 190,
              render: (label: string, b) => (
                <Space size={4} wrap>
                  <Tag color={KIND_COLOR[b.kind]}>{label}</Tag>
                  {/* Copies from before ledgers had ids: the file name does not say whose they are. */}
                  {b.ledgerId === null && (
                    <Tooltip title="早期版本生成的备份，文件名中没有台账编号；同一文件夹中有多本台账时，请核对后再恢复">
                      <Tag>早期备份</Tag>
                    </Tooltip>
                  )}
                </Space>
              ),
            },
            { title: '备份时间', dataIndex: 'createdAt', width: 170 },
            { title: '大小', dataIndex: 'size', width: 90, align: 'right', render: (n: number) => fileSize(n) },
            {
              title: '文件名',
              dataIndex: 'name',
              render: (name: string) => (
                <Typography.Text type="secondary" ellipsis={{ tooltip: name }}>
                  {name}
                </Typography.Text>
              ),
            },
            {
              title: '操作',
              width: 90,
              render: (_, b) =>
                // A damaged ledger is kept for IT staff to look at, never to go back to.
                b.kind === 'damaged' ? null : (
                  <Tooltip title={supervisor ? undefined : '恢复台账须由负责人登录后操作'}>
                    <Button
                      size="small"
                      type="link"
                      danger
                      icon={<CloudDownloadOutlined />}
                      disabled={!supervisor}
                      onClick={() => confirmRestore(b)}
                    >
                      恢复
                    </Button>
                  </Tooltip>
                ),
            },
          ]}
        />
      </Card>

      <Modal
        open={restored !== null}
        title="已从备份恢复台账"
        width={620}
        closable={false}
        maskClosable={false}
        keyboard={false}
        footer={
          <Flex justify="flex-end">
            <Button type="primary" autoFocus onClick={() => window.location.reload()}>
              重新载入
            </Button>
          </Flex>
        }
      >
        {restored && (
          <Descriptions
            size="small"
            column={1}
            bordered
            styles={{ label: { width: 130, whiteSpace: 'nowrap' } }}
            items={[
              { key: 'from', label: '恢复自', children: restored.restoredFrom },
              {
                key: 'kept',
                label: '原台账已保留为',
                children: restored.keptCopy ? (
                  <Typography.Text copyable>{restored.keptCopy.file}</Typography.Text>
                ) : (
                  '（原台账文件不存在，无需保留）'
                ),
              },
              { key: 'version', label: '数据版本', children: restored.schemaVersion },
            ]}
          />
        )}
        <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
          所有人已退出登录。点击“重新载入”读取恢复后的台账，然后重新选择值班人员。
        </Typography.Paragraph>
      </Modal>
    </>
  )
}
