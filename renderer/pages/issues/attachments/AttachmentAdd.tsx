import { PaperClipOutlined } from '@ant-design/icons'
import { Alert, Button, Select, Space } from 'antd'
import { useRef, useState } from 'react'
import type { AttachmentKind, IssueDetail } from '../../../../electron/contract/types'
import { api } from '../../../api'
import { attachmentKind } from '../../../../shared/codes/attachments'
import { ATTACHMENT_MAX_BYTES } from '../../../../shared/limits'

/** The bytes as base64, in slices: one String.fromCharCode over 20 MB would overflow the stack. */
function base64Of(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/**
 * Adds a file to the issue: the desk picks it, the page sends its bytes, and the ledger decides
 * whether it is a JPG, PNG or PDF of at most 20 MB (by its content, not its name).
 */
export function AttachmentAdd({ detail, onAdded }: { detail: IssueDetail; onAdded: (name: string) => void }) {
  const [kind, setKind] = useState<AttachmentKind>('site_photo')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const input = useRef<HTMLInputElement>(null)

  const send = async (file: File) => {
    setBusy(true)
    setError(null)
    try {
      const bytes = new Uint8Array(await file.arrayBuffer())
      await api.issueAttachmentAdd({ issueId: detail.id, kind, fileName: file.name, contentBase64: base64Of(bytes) })
      onAdded(file.name)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
      if (input.current) input.current.value = ''
    }
  }

  return (
    <div style={{ margin: '12px 0' }}>
      <Space size={8} wrap>
        <Select<AttachmentKind>
          aria-label="附件类型"
          value={kind}
          onChange={setKind}
          options={attachmentKind.options()}
          style={{ width: 150 }}
        />
        <Button icon={<PaperClipOutlined />} loading={busy} onClick={() => input.current?.click()}>
          添加附件
        </Button>
        <span style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>JPG、PNG 或 PDF，每个不超过 {ATTACHMENT_MAX_BYTES / 1024 / 1024} MB</span>
      </Space>
      <input
        ref={input}
        type="file"
        data-testid="attachment-file"
        accept=".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf"
        style={{ display: 'none' }}
        onChange={(e) => {
          const file = e.target.files?.[0]
          if (file) void send(file)
        }}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} closable={{ onClose: () => setError(null) }} />}
    </div>
  )
}
