import { LedgerError } from '../core/errors'
import { hasVisibleText, INVISIBLE_TEXT_MESSAGE, isWellFormedText, MALFORMED_TEXT_MESSAGE, stripFormatChars } from '../../shared/text'

// Input methods in Chinese mode emit full-width digits, letters and punctuation (Ａ、１、－),
// and the ideographic space. Codes and phone numbers must compare equal however they were typed.
// For codes and numbers only, not free text: it would also turn the Chinese comma ， into ",".
export function toHalfWidth(raw: string): string {
  return raw.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) => (ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)))
}

// Text pasted from Word, WPS or web pages can carry NUL, form feeds and escape codes that break
// printing and Excel export. \r goes too, so Windows line ends become plain \n.
const CONTROL_CHARS = /[\x00-\x08\x0B-\x1F\x7F]/g

/** Control and format characters removed; refused when not well formed or when nothing visible is left. */
function clean(value: string | null | undefined, label: string): string {
  const raw = value ?? ''
  if (!isWellFormedText(raw)) throw new LedgerError('invalid_text', `${label}${MALFORMED_TEXT_MESSAGE}`)
  const text = stripFormatChars(raw.replace(CONTROL_CHARS, '')).trim()
  if (text !== '' && !hasVisibleText(text)) throw new LedgerError('invalid_text', `${label}${INVISIBLE_TEXT_MESSAGE}`)
  return text
}

// Count characters as the user sees them: a rare name character outside the BMP is one 字,
// not two UTF-16 units.
function checkLength(text: string, label: string, max: number): string {
  if ([...text].length > max) {
    throw new LedgerError('too_long', `${label}不能超过${max}个字`)
  }
  return text
}

export function requireText(value: string | null | undefined, label: string, max = 2000): string {
  const text = clean(value, label)
  if (text === '') throw new LedgerError('required', `请填写${label}`)
  return checkLength(text, label, max)
}

export function optionalText(value: string | null | undefined, label: string, max = 2000): string | null {
  const text = clean(value, label)
  return text === '' ? null : checkLength(text, label, max)
}
