import type { ReactNode } from 'react'

/** antd's preset tag colours and its status ones. */
export type PlainTagColor =
  | 'blue'
  | 'geekblue'
  | 'cyan'
  | 'purple'
  | 'magenta'
  | 'gold'
  | 'orange'
  | 'red'
  | 'green'
  | 'processing'
  | 'success'
  | 'warning'
  | 'error'
  | 'default'

/**
 * A tag as antd's Tag draws it (its classes, from the stylesheet App.tsx loads) without the
 * component: a plain span, no hooks or context reads. A ledger page has a few per row, and the
 * component's own work for each was a visible part of drawing a page of rows.
 */
export function PlainTag({ color, title, children }: { color: PlainTagColor; title?: string; children: ReactNode }) {
  const colorClass = color === 'default' ? '' : ` ant-tag-${color}`
  return (
    <span className={`ant-tag ant-tag-outlined${colorClass}`} title={title}>
      {children}
    </span>
  )
}
