import { foldAscii, type SearchTerm } from './terms'
import type { MarkedText, TextRange } from '../../shared/types'

const EXCERPT_WIDTH = 60
const EXCERPT_LEAD = 16

/** Where the terms occur in `text`, merged where they touch, in order. */
export function matchRanges(text: string, terms: readonly SearchTerm[]): TextRange[] {
  const hay = foldAscii(text)
  const found: TextRange[] = []
  for (const term of terms) {
    const needle = foldAscii(term.text)
    for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) {
      found.push({ start: at, end: at + needle.length })
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end)
  const merged: TextRange[] = []
  for (const r of found) {
    const last = merged.at(-1)
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end)
    else merged.push({ ...r })
  }
  return merged
}

function isLowSurrogate(text: string, at: number): boolean {
  const code = text.charCodeAt(at)
  return code >= 0xdc00 && code <= 0xdfff
}

/** The text with its matches; a long text is cut to a window around the first match. */
export function markText(text: string, terms: readonly SearchTerm[], width = EXCERPT_WIDTH): MarkedText {
  const ranges = matchRanges(text, terms)
  if (text.length <= width) return { text, ranges }
  let start = Math.max(0, Math.min((ranges[0]?.start ?? 0) - EXCERPT_LEAD, text.length - width))
  let end = Math.min(text.length, start + width)
  // Never cut a character outside the BMP (a rare name character) in half.
  if (start > 0 && isLowSurrogate(text, start)) start -= 1
  if (end < text.length && isLowSurrogate(text, end)) end += 1
  const head = start > 0 ? '…' : ''
  const tail = end < text.length ? '…' : ''
  const shift = head.length - start
  return {
    text: head + text.slice(start, end) + tail,
    ranges: ranges
      .filter((r) => r.end > start && r.start < end)
      .map((r) => ({ start: Math.max(r.start, start) + shift, end: Math.min(r.end, end) + shift })),
  }
}

export function markOptional(text: string | null, terms: readonly SearchTerm[]): MarkedText | null {
  return text === null ? null : markText(text, terms)
}
