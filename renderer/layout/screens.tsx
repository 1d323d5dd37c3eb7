import { lazy, useState, type ComponentType } from 'react'
import { whenQuiet } from '../api'

// Every screen but the desk is its own chunk. They are fetched in the background once the desk has
// its answers (preloadScreens), so opening one from the menu neither fetches nor compiles code; before
// that, the screen loads as a lazy chunk would.

interface Screen<P extends object> {
  Page: ComponentType<P>
  preload: () => Promise<unknown>
}

function screen<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): Screen<P> {
  let loaded: ComponentType<P> | null = null
  let loading: Promise<{ default: ComponentType<P> }> | null = null
  const once = () => {
    loading ??= load().then(
      (module) => {
        loaded = module.default
        return module
      },
      (e: unknown) => {
        // Tried again when the screen is opened.
        loading = null
        throw e
      },
    )
    return loading
  }
  const Lazy = lazy(once)
  function Page(props: P) {
    // Chosen once per mount: a page never remounts (and loses what is typed) when its chunk arrives.
    const [Shown] = useState<ComponentType<P>>(() => loaded ?? Lazy)
    return <Shown {...props} />
  }
  return { Page, preload: once }
}

export const sessions = screen(() => import('../pages/sessions/SessionsPage'))
export const issues = screen(() => import('../pages/issues/IssuesPage'))
export const callbacks = screen(() => import('../pages/callbacks/CallbacksPage'))
export const directory = screen(() => import('../pages/directory/DirectoryPage'))
export const settings = screen(() => import('../pages/settings/SettingsPage'))
export const contacts = screen(() => import('../pages/contacts/ContactsPage'))
export const summary = screen(() => import('../pages/summary/SummaryPage'))
export const print = screen(() => import('../pages/print/PrintPage'))

/** The preloading starts once the desk has had its answers for this long: its own calls and drawing come first. */
const QUIET_MS = 200

/** The menu's screens in the order a clerk is likeliest to open them, one at a time, when the page is idle. */
export function preloadScreens(): () => void {
  const order = [issues, callbacks, sessions, directory, contacts, summary, settings, print]
  let stopped = false
  let handle = 0
  const next = (i: number) => {
    const s = order[i]
    if (stopped || s === undefined) return
    // 问题台账, the likeliest next screen, comes at once: a busy page has few idle moments, and a
    // clerk who opens it soon after the start would otherwise wait for its code.
    if (i === 0) {
      void s
        .preload()
        .catch(() => undefined)
        .then(() => next(1))
      return
    }
    handle = requestIdleCallback(
      () =>
        void s
          .preload()
          .catch(() => undefined)
          .then(() => next(i + 1)),
      { timeout: 2000 },
    )
  }
  void whenQuiet(QUIET_MS).then(() => next(0))
  return () => {
    stopped = true
    cancelIdleCallback(handle)
  }
}
