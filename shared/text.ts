// What counts as text, for the ledger's rules and the contract alike. A name or note must be
// something a person can read, print and hand to another program:
//   - well formed: half of a surrogate pair (text cut in the middle of a character) is stored as
//     bytes that are not UTF-8, which Excel, WPS and other tools refuse to read;
//   - no format characters: zero-width spaces and joiners (U+200B–U+200D, U+2060), the
//     right-to-left override U+202E (张三 shown as 三张, or a file name read backwards), soft
//     hyphens, byte-order marks. Invisible, so they are removed rather than refused;
//   - at least one visible character: a name of Hangul fillers (U+3164), braille blanks or
//     combining marks alone looks empty on every screen and print.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const FORMAT_CHARS = /\p{Cf}/gu
const VISIBLE = /[^\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\p{Cs}\p{M}\u2800]/u

export const MALFORMED_TEXT_MESSAGE = '含有损坏的字符（常见于从其他软件复制），请删除后重新输入'
export const INVISIBLE_TEXT_MESSAGE = '须含有看得见的文字，不能只有空白或不可见字符'

export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text)
}

export function stripFormatChars(text: string): string {
  return text.replace(FORMAT_CHARS, '')
}

export function hasVisibleText(text: string): boolean {
  return VISIBLE.test(text)
}
