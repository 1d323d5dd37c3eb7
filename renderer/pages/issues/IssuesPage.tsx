import { dueState } from '../../../shared/codes/issues'
import { Alert, Button, Flex, Space, Typography } from 'antd'
import { useCallback, useState } from 'react'
import { navigate } from '../../lib/route'
import { useQuery } from '../../lib/useQuery'
import { hasFilters, initialView, toListInput, type DueFilter, type IssueFilters, type IssueView } from './filters'
import { IssueDrawer } from './IssueDrawer'
import { IssueFilterBar } from './IssueFilterBar'
import { IssueTable } from './IssueTable'
import { dueCounts, issuePage, openIssueId } from './first-calls'

/** 问题台账: every issue, filtered and paged by main; `#/issues?id=N` opens issue N. */
export default function IssuesPage({ params }: { params?: URLSearchParams }) {
  const [view, setView] = useState<IssueView>(initialView)
  const list = useQuery(() => issuePage.load(toListInput(view)), [view])
  const counts = useQuery(() => dueCounts.load(null), [])
  const openId = openIssueId(params)

  const setFilters = useCallback((filters: IssueFilters) => setView((v) => ({ ...v, filters, page: 1 })), [])
  const showDue = (dueState: DueFilter) => setView((v) => ({ ...v, filters: { ...v.filters, dueState }, page: 1 }))
  const refresh = () => {
    list.reload()
    counts.reload()
  }

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          问题台账
        </Typography.Title>
        {counts.data && (
          <Space size={4}>
            <Button size="small" type="text" danger onClick={() => showDue('overdue')}>
              已超期 {counts.data.overdue} 个
            </Button>
            <Button size="small" type="text" style={{ color: '#d46b08' }} onClick={() => showDue('due_soon')}>
              {dueState.labels.due_soon} {counts.data.dueSoon} 个
            </Button>
          </Space>
        )}
      </Flex>
      <IssueFilterBar filters={view.filters} onChange={setFilters} />
      {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
      <IssueTable
        data={list.data}
        loading={list.loading}
        view={view}
        filtered={hasFilters(view.filters)}
        onPage={(page, pageSize) => setView((v) => ({ ...v, page, pageSize }))}
        onSort={(sort, order) => setView((v) => ({ ...v, sort, order, page: 1 }))}
        onOpen={(id) => navigate('issues', { id })}
      />
      <IssueDrawer id={openId} onClose={() => navigate('issues')} onChanged={refresh} />
    </>
  )
}
