import { Tabs, Typography } from 'antd'
import { useCallback, useState } from 'react'
import type { Organization, Visitor } from '../../../electron/contract/types'
import { navigate } from '../../lib/route'
import { MergeModal, type MergeSide } from './MergeModal'
import { OrganizationDrawer } from './OrganizationDrawer'
import { OrganizationEditModal } from './OrganizationEditModal'
import { OrganizationsTab } from './OrganizationsTab'
import { VisitorDrawer } from './VisitorDrawer'
import { VisitorEditModal } from './VisitorEditModal'
import { VisitorsTab } from './VisitorsTab'
import { startDirectoryTab, tabOf, type DirectoryTab as Tab } from './first-calls'

type Dialog =
  | { kind: 'edit-organization'; organization: Organization }
  | { kind: 'edit-visitor'; visitor: Visitor }
  | { kind: 'merge'; what: 'organization' | 'visitor'; current: MergeSide }
  | null

const show = (t: Tab, id: number | null) => navigate('directory', id === null ? { tab: t } : { tab: t, id })

/**
 * 企业与来访人: every enterprise and visitor with their whole history. The open record is in the
 * address (`#/directory?tab=visitors&id=12`), so other screens can link to it and 后退 works.
 */
export default function DirectoryPage({ params }: { params?: URLSearchParams }) {
  const tab = tabOf(params)
  const idParam = Number(params?.get('id') ?? '')
  const selectedId = Number.isInteger(idParam) && idParam > 0 ? idParam : null
  const [version, setVersion] = useState(0)
  const [dialog, setDialog] = useState<Dialog>(null)
  // A saved dialog changed what the lists and the drawer show: they read the ledger again.
  const closeChanged = () => {
    setDialog(null)
    setVersion((n) => n + 1)
  }

  // Stable, so a tab's table (memo) is not drawn again when the other tab or a record is opened.
  const selectOrganization = useCallback((id: number) => show('organizations', id), [])
  const selectVisitor = useCallback((id: number) => show('visitors', id), [])
  // A tab's first page is asked for on the click that first shows it; a tab drawn before keeps its rows.
  const [drawn, setDrawn] = useState<readonly Tab[]>([tab])
  if (!drawn.includes(tab)) setDrawn([...drawn, tab])
  const openTab = (t: Tab) => {
    if (!drawn.includes(t)) startDirectoryTab(t)
    show(t, null)
  }

  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        企业与来访人
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => openTab(k === 'visitors' ? 'visitors' : 'organizations')}
        items={[
          {
            key: 'organizations',
            label: '企业',
            children: (
              <OrganizationsTab version={version} selectedId={tab === 'organizations' ? selectedId : null} onSelect={selectOrganization} />
            ),
          },
          {
            key: 'visitors',
            label: '来访人',
            children: <VisitorsTab version={version} selectedId={tab === 'visitors' ? selectedId : null} onSelect={selectVisitor} />,
          },
        ]}
      />

      {selectedId !== null && tab === 'organizations' && (
        <OrganizationDrawer
          id={selectedId}
          version={version}
          onClose={() => show(tab, null)}
          onEdit={(organization) => setDialog({ kind: 'edit-organization', organization })}
          onMerge={(current) => setDialog({ kind: 'merge', what: 'organization', current })}
          onPickVisitor={(id) => show('visitors', id)}
        />
      )}
      {selectedId !== null && tab === 'visitors' && (
        <VisitorDrawer
          id={selectedId}
          version={version}
          onClose={() => show(tab, null)}
          onEdit={(visitor) => setDialog({ kind: 'edit-visitor', visitor })}
          onMerge={(current) => setDialog({ kind: 'merge', what: 'visitor', current })}
          onPickOrganization={(id) => show('organizations', id)}
        />
      )}

      {dialog?.kind === 'edit-organization' && (
        <OrganizationEditModal organization={dialog.organization} onClose={() => setDialog(null)} onSaved={closeChanged} />
      )}
      {dialog?.kind === 'edit-visitor' && (
        <VisitorEditModal visitor={dialog.visitor} onClose={() => setDialog(null)} onSaved={closeChanged} />
      )}
      {dialog?.kind === 'merge' && (
        <MergeModal
          kind={dialog.what}
          current={dialog.current}
          onClose={() => setDialog(null)}
          onMerged={(keptId) => {
            closeChanged()
            show(dialog.what === 'organization' ? 'organizations' : 'visitors', keptId)
          }}
        />
      )}
    </>
  )
}
