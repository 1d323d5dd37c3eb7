import { CalendarOutlined, DownOutlined } from '@ant-design/icons'
import { ConfigProvider } from 'antd'
// The components' own style hooks, not the components: with zeroRuntime they only register the
// CSS variables antd.css reads and name the classes the real box carries, so the stand-in is
// drawn by the same rules. They are what antd's Select and DatePicker call first.
import usePickerStyle from 'antd/es/date-picker/style'
import useSelectStyle from 'antd/es/select/style'
import { flushSync } from 'react-dom'
import { useContext, useState, type CSSProperties, type MouseEvent, type ReactNode } from 'react'

/** What the stand-in and the real picker share; spread onto the real one. */
export interface PickerProps {
  'aria-label': string
  placeholder?: string
  style: CSSProperties
  /** Set once a focus or a press woke the picker, so that it carries on from there. */
  autoFocus: boolean
  defaultOpen: boolean
}

interface Props {
  /** A single select, a multiple one, or a date picker's box. */
  shape: 'single' | 'multiple' | 'date'
  label: string
  placeholder?: string
  /** The chosen option's text, when the stand-in shows one (a page size) rather than the placeholder. */
  shown?: string
  width?: number
  small?: boolean
  search?: boolean
  className?: string
  /** Draw the real picker from now on: it has a value the stand-in cannot show. */
  real: boolean
  children: (props: PickerProps) => ReactNode
}

type Wake = Pick<PickerProps, 'autoFocus' | 'defaultOpen'>

/**
 * An antd Select or DatePicker drawn as a plain box with antd's classes until it is first used.
 * Mounting the real ones (a trigger, a popup, measuring hooks each) was a good part of opening
 * a page with a bar of them, and most visits never touch most of them. A focus swaps in the real
 * one focused, before any key can reach the box (so Enter, Space and the arrows open it as ever);
 * a press swaps it in open, as the press meant.
 */
export function LazyPicker({ real, children, label, ...box }: Props) {
  const [wake, setWake] = useState<Wake | null>(real ? { autoFocus: false, defaultOpen: false } : null)
  // A value set from elsewhere (a count's button) stays on the real picker, even once cleared.
  if (real && wake === null) setWake({ autoFocus: false, defaultOpen: false })
  const look = { 'aria-label': label, placeholder: box.placeholder, style: { width: box.width } }
  if (wake) return children({ ...look, ...wake })

  const handlers = {
    onFocus: () => setWake({ autoFocus: true, defaultOpen: false }),
    onMouseDown: (e: MouseEvent) => {
      if (e.button !== 0) return
      // Keeps the browser from focusing the box as it goes: the real picker takes the focus.
      e.preventDefault()
      // After the press has reached the window: a select mounted while it is on its way there
      // hears it as a press outside itself and closes at once.
      setTimeout(() => flushSync(() => setWake({ autoFocus: true, defaultOpen: true })))
    },
  }
  const a11y = { role: 'combobox', 'aria-label': label, 'aria-expanded': false, 'aria-haspopup': 'listbox', tabIndex: 0 } satisfies A11y
  return box.shape === 'date' ? <DateBox {...box} {...a11y} {...handlers} /> : <SelectBox {...box} {...a11y} {...handlers} />
}

/** What makes the box a control for the keyboard, screen readers and the tests' getByLabel. */
interface A11y {
  role: 'combobox'
  'aria-label': string
  'aria-expanded': false
  'aria-haspopup': 'listbox'
  tabIndex: 0
}

type BoxProps = Omit<Props, 'real' | 'children' | 'label'> &
  A11y & {
    onFocus: () => void
    onMouseDown: (e: MouseEvent) => void
  }

function SelectBox({ shape, placeholder, shown, width, small, search, className, ...rest }: BoxProps) {
  const p = useContext(ConfigProvider.ConfigContext).getPrefixCls('select')
  const [hashId, cssVarCls] = useSelectStyle(p, `${p}-css-var`)
  const classes = [p, small && `${p}-sm`, `${p}-outlined`, className, cssVarCls, `${p}-css-var`, hashId, `${p}-${shape}`, `${p}-show-arrow`]
  if (search || shape === 'multiple') classes.push(`${p}-show-search`)
  const text = shown !== undefined ? shown : <div className={`${p}-placeholder`}>{placeholder}</div>
  return (
    <div {...rest} className={classes.filter(Boolean).join(' ')} style={{ width }}>
      {shape === 'multiple' ? (
        <div className={`${p}-content`}>
          <div className={`${p}-content-item ${p}-content-item-prefix`}>{text}</div>
          {/* The box's height is the search input's line, as in the real one. */}
          <div className={`${p}-content-item ${p}-content-item-suffix`}>
            <input className={`${p}-input`} readOnly tabIndex={-1} aria-hidden />
          </div>
        </div>
      ) : (
        <div className={shown !== undefined ? `${p}-content ${p}-content-has-value` : `${p}-content`} title={shown}>
          {text}
        </div>
      )}
      <div className={`${p}-suffix`}>
        <DownOutlined />
      </div>
    </div>
  )
}

function DateBox({ placeholder, width, className, ...rest }: BoxProps) {
  const p = useContext(ConfigProvider.ConfigContext).getPrefixCls('picker')
  const [hashId, cssVarCls] = usePickerStyle(p, `${p}-css-var`)
  const classes = [p, `${p}-outlined`, className, hashId, cssVarCls, `${p}-css-var`]
  return (
    <div {...rest} className={classes.filter(Boolean).join(' ')} style={{ width }}>
      <div className={`${p}-input`}>
        {/* Read-only and out of the tab order: the box is the control until the real one replaces it. */}
        <input readOnly tabIndex={-1} aria-hidden placeholder={placeholder} />
        <span className={`${p}-suffix`}>
          <CalendarOutlined aria-hidden />
        </span>
      </div>
    </div>
  )
}
