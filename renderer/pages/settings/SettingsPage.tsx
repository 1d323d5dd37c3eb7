import { Tabs, Typography } from 'antd'
import { useState } from 'react'
import { SetupChecklist } from '../../components/SetupChecklist'
import { AnswersTab } from './AnswersTab'
import { AuditTab } from './AuditTab'
import { BackupTab } from './BackupTab'
import { CategoriesTab } from './CategoriesTab'
import { DepartmentsTab } from './DepartmentsTab'
import { HolidaysTab } from './HolidaysTab'
import { ImportPanel } from './import/ImportPanel'
import { LedgerTab } from './LedgerTab'
import { LedgerChoiceTab } from './LedgerChoiceTab'
import { LocalitiesTab } from './LocalitiesTab'
import { StaffTab } from './StaffTab'
import { SourcesTab } from './SourcesTab'
import { RecoveryTab } from './RecoveryTab'
import { ServerBackupTab, ServerRecoveryNote } from './ServerBackupTab'
import { knownAppInfo } from '../../hooks/useAppInfo'

type TabKey =
  | 'setup'
  | 'departments'
  | 'staff'
  | 'categories'
  | 'answers'
  | 'sources'
  | 'localities'
  | 'holidays'
  | 'ledger'
  | 'place'
  | 'import'
  | 'backup'
  | 'recovery'
  | 'audit'

const KEYS: readonly TabKey[] = [
  'setup',
  'departments',
  'staff',
  'categories',
  'answers',
  'sources',
  'localities',
  'holidays',
  'ledger',
  'place',
  'import',
  'backup',
  'recovery',
  'audit',
]

/**
 * 设置: the lists every form picks from, the holiday table behind due dates, the ledger file, its
 * backups and (for a 负责人) the audit log.
 * Each tab reloads the shared lists after a change, so the other screens see it at once.
 */
export default function SettingsPage({ params }: { params?: URLSearchParams }) {
  const fromAddress = KEYS.find((k) => k === params?.get('tab'))
  const [tab, setTab] = useState<TabKey>(fromAddress ?? 'departments')
  // On a server ledger the file's backups and keys are not this PC's: those tabs say what the server does instead.
  const info = knownAppInfo()
  const server = info?.engine === 'pg' ? info.ledgerFile : null
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        设置
      </Typography.Title>
      <Tabs
        // Thirteen tabs on a 1366-wide screen: a narrower gap keeps the last (审计日志) out of the overflow menu.
        tabBarGutter={22}
        activeKey={tab}
        onChange={(k) => setTab(KEYS.find((x) => x === k) ?? 'departments')}
        items={[
          { key: 'setup', label: '开始使用', children: <SetupChecklist always /> },
          { key: 'departments', label: '股室', children: <DepartmentsTab /> },
          { key: 'staff', label: '人员', children: <StaffTab /> },
          { key: 'categories', label: '问题类别', children: <CategoriesTab /> },
          { key: 'answers', label: '常用答复', children: <AnswersTab /> },
          { key: 'sources', label: '来源', children: <SourcesTab /> },
          { key: 'localities', label: '属地与规则', children: <LocalitiesTab /> },
          { key: 'holidays', label: '节假日', children: <HolidaysTab /> },
          { key: 'ledger', label: '单位与台账', children: <LedgerTab /> },
          { key: 'place', label: '台账', children: <LedgerChoiceTab /> },
          { key: 'import', label: '导入旧台账', children: <ImportPanel /> },
          {
            key: 'backup',
            label: '备份与恢复',
            children: server === null ? <BackupTab /> : <ServerBackupTab server={server} />,
          },
          {
            key: 'recovery',
            label: '加密与恢复口令',
            children: server === null ? <RecoveryTab /> : <ServerRecoveryNote />,
          },
          { key: 'audit', label: '审计日志', children: <AuditTab /> },
        ]}
      />
    </>
  )
}
