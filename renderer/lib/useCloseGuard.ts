import { App } from 'antd'
import { useCallback, useRef } from 'react'

/**
 * Closing a dialog (×, 取消, Esc, a click outside) that has typed work asks first: 继续填写 is the
 * default (Enter and Esc keep the dialog), 放弃 clears the draft and closes.
 */
export function useCloseGuard(): (dirty: boolean, close: () => void, discard: () => void) => void {
  const { modal } = App.useApp()
  const asking = useRef(false)
  return useCallback(
    (dirty, close, discard) => {
      if (!dirty) {
        close()
        return
      }
      // A second Esc while the question is up must not stack another one.
      if (asking.current) return
      asking.current = true
      modal.confirm({
        title: '放弃已填写的内容？',
        content: '这里填写的内容还没有保存。放弃后内容将清除；选“继续填写”可接着填写并保存。',
        okText: '放弃',
        okButtonProps: { danger: true },
        cancelText: '继续填写',
        autoFocusButton: 'cancel',
        onOk: () => {
          asking.current = false
          discard()
          close()
        },
        onCancel: () => {
          asking.current = false
        },
      })
    },
    [modal],
  )
}
