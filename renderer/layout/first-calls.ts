import { appInfo } from '../hooks/useAppInfo'
import { referenceLists } from '../lib/reference'
import type { Route } from '../lib/route'
import { startDirectoryTab, tabOf } from '../pages/directory/first-calls'
import { startIssueDrawer, startIssuesScreen } from '../pages/issues/first-calls'
import { startDesk } from '../pages/today/first-calls'

// Which calls a route change starts before the screen is drawn (lib/prefetch.ts): a screen opened
// asks for its first page at the click, not after it has been drawn empty once; within a screen,
// only what the address itself opens (an issue in the drawer). A tab within 企业与来访人 starts its
// own page from the tab's click (DirectoryPage), as only the page knows which tabs it has drawn.

/** The window opens: what the shell needs, and the screen it opens on. */
export function startWindow(route: Route): void {
  void appInfo.start(null)
  // A print window draws its view alone, without the shell's lists.
  if (route.page === 'print') return
  void referenceLists.start(null)
  startScreen(null, route)
}

export function startScreen(from: Route | null, to: Route): void {
  if (from?.page === to.page) {
    if (to.page === 'issues' && from.params.get('id') !== to.params.get('id')) startIssueDrawer(to.params)
    return
  }
  switch (to.page) {
    case 'today':
      startDesk()
      return
    case 'issues':
      startIssuesScreen(to.params)
      return
    case 'directory':
      startDirectoryTab(tabOf(to.params))
      return
    default:
      return
  }
}
