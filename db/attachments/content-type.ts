import type { AttachmentMediaType } from '../../shared/codes/attachments'

// A file's type is what its first bytes say: a program renamed to 照片.jpg is still a program.

const SIGNATURES: readonly { type: AttachmentMediaType; magic: readonly number[] }[] = [
  { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  // %PDF-
  { type: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
]

/** The kept type the bytes are, or null for anything else. */
export function mediaTypeOf(bytes: Uint8Array): AttachmentMediaType | null {
  for (const { type, magic } of SIGNATURES) {
    if (bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)) return type
  }
  return null
}
