import { dueState } from '../../../shared/codes/issues'
import { Alert, Button, Flex, Space, Typography } from 'antd'
import { useCallback, useRef, useState } from 'react'
import { navigate } from '../../lib/route'
import { briefly } from '../../lib/prefetch'
import { useQuery } from '../../lib/useQuery'
import { useLastPageKept } from '../../lib/usePaged'
import {
  hasFilters,
  initialView,
  toListInput,
  type DueFilter,
  type IssueFilters,
  type IssueView,
  type SortKey,
  type SortOrder,
} from './filters'
import { IssueDrawer } from './IssueDrawer'
import { IssueFilterBar } from './IssueFilterBar'
import { IssueTable } from './IssueTable'
import { ANSWER_WAIT_MS, dueCounts, issuePage, openIssueId } from './first-calls'

/** 问题台账: every issue, filtered and paged by main; `#/issues?id=N` opens issue N. */
export default function IssuesPage({ params }: { params?: URLSearchParams }) {
  const [view, setShownView] = useState<IssueView>(initialView)
  // A filter, page or order chosen asks the ledger at once, in the click's task, and the screen
  // waits a moment for the answer: the table is then drawn once, with the new rows, rather than
  // with a spinner over the old ones first. A slow answer shows the spinner after ANSWER_WAIT_MS and
  // the table's own pause (listWaiting).
  const latest = useRef(view)
  const setView = useCallback((change: (v: IssueView) => IssueView) => {
    const next = change(latest.current)
    latest.current = next
    void briefly(issuePage.start(toListInput(next)), ANSWER_WAIT_MS).then(() => {
      if (latest.current === next) setShownView(next)
    })
  }, [])
  const list = useQuery(
    () => issuePage.load(toListInput(view)),
    [view],
    () => issuePage.take(toListInput(view)),
  )
  const counts = useQuery(
    () => dueCounts.load(null),
    [],
    () => dueCounts.take(null),
  )
  const openId = openIssueId(params)
  // The drawer is mounted at the first issue opened and kept from then on (it returns the focus
  // when it closes): a ledger opened only to look at its rows does not draw a closed drawer.
  const [drawerUsed, setDrawerUsed] = useState(openId !== null)
  if (openId !== null && !drawerUsed) setDrawerUsed(true)

  const setFilters = useCallback((filters: IssueFilters) => setView((v) => ({ ...v, filters, page: 1 })), [setView])
  // Stable, so the table (memo) is drawn again only when its page or view changes, not when the
  // counts come in or the drawer opens.
  const setPage = useCallback((page: number, pageSize: number) => setView((v) => ({ ...v, page, pageSize })), [setView])
  const toPage = useCallback((page: number) => setPage(page, latest.current.pageSize), [setPage])
  useLastPageKept(list.data?.total, view.page, view.pageSize, toPage)
  const setSort = useCallback((sort: SortKey, order: SortOrder) => setView((v) => ({ ...v, sort, order, page: 1 })), [setView])
  // At once: the drawer is drawn while its issue is read (the route change starts the call).
  const openIssue = useCallback((id: number) => navigate('issues', { id }), [])
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
        onPage={setPage}
        onSort={setSort}
        onOpen={openIssue}
      />
      {drawerUsed && <IssueDrawer id={openId} onClose={() => navigate('issues')} onChanged={refresh} />}
    </>
  )
}
