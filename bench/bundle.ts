// The renderer bundle as the window loads it (out/renderer after `electron-vite build`): what
// index.html loads before the desk screen shows (its module script, the chunks it preloads, its
// styles), and for each lazily loaded screen its own chunk and what opening it first fetches
// beyond that. Sizes raw and gzip (node:zlib, default level); the app reads them from disk
// uncompressed, gzip is for comparing with other web bundles.

import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

export interface AssetSize {
  file: string
  raw: number
  gzip: number
}

export interface SizeSum {
  files: number
  raw: number
  gzip: number
}

export interface ScreenChunk {
  /** The screen's name in the menu, or the chunk's name when it is not one of the menu's. */
  screen: string
  chunk: AssetSize
  /** Everything opening the screen fetches when only the desk has been loaded: its chunk, shared chunks, styles. */
  firstOpen: SizeSum & { fileNames: string[] }
}

export interface BundleReport {
  /** index.html and every file it loads before the first screen shows. */
  initial: SizeSum & { fileNames: string[] }
  /** The module index.html runs (the app shell and the desk screen). */
  entry: AssetSize
  screens: ScreenChunk[]
  all: SizeSum
}

/** The chunk name (before the hash) of each lazily loaded page, and its screen. */
const SCREENS: Record<string, string> = {
  SessionsPage: '接待日',
  IssuesPage: '问题台账',
  CallbacksPage: '回访',
  DirectoryPage: '企业与来访人',
  SettingsPage: '设置',
  ContactsPage: '来电来信',
  SummaryPage: '统计',
  PrintPage: '打印',
}

function sizeOf(dir: string, file: string): AssetSize {
  const body = fs.readFileSync(path.join(dir, file))
  return { file, raw: body.length, gzip: zlib.gzipSync(body).length }
}

function sum(sizes: readonly AssetSize[]): SizeSum {
  return { files: sizes.length, raw: sizes.reduce((a, s) => a + s.raw, 0), gzip: sizes.reduce((a, s) => a + s.gzip, 0) }
}

/** A chunk and every chunk it imports statically, as paths relative to the renderer folder. */
function staticClosure(dir: string, start: string): Set<string> {
  const seen = new Set<string>()
  const queue = [start]
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue
    seen.add(file)
    const code = fs.readFileSync(path.join(dir, file), 'utf8')
    // Quoted "…" or, minified, `…`.
    for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*)["`]\.\/([^"`]+\.js)["`]/g)) {
      const name = m[1]
      if (name) queue.push(path.posix.join(path.posix.dirname(file), name))
    }
  }
  return seen
}

export function bundleSizes(rendererDir: string): BundleReport {
  const html = fs.readFileSync(path.join(rendererDir, 'index.html'), 'utf8')
  const entryFile = /<script[^>]*\btype="module"[^>]*\bsrc="\.\/([^"]+)"/.exec(html)?.[1]
  if (!entryFile) throw new Error(`no module script in ${path.join(rendererDir, 'index.html')}`)
  const initial = new Set<string>()
  for (const m of html.matchAll(/\b(?:src|href)="\.\/([^"]+\.(?:js|css))"/g)) if (m[1]) initial.add(m[1])
  for (const f of staticClosure(rendererDir, entryFile)) initial.add(f)
  const assetsDir = path.posix.dirname(entryFile)

  // Vite's preload list: each dynamic import names the files it fetches (chunks and styles) as
  // indexes into one array at the top of the entry chunk.
  const entryCode = fs.readFileSync(path.join(rendererDir, entryFile), 'utf8')
  const depList = /m\.f=\[([^\]]*)\]/.exec(entryCode)?.[1]
  const deps = depList ? [...depList.matchAll(/"\.\/([^"]+)"/g)].map((m) => m[1] ?? '') : []
  const screens: ScreenChunk[] = []
  for (const m of entryCode.matchAll(/import\(["`]\.\/([^"`]+\.js)["`]\)(?:\s*,\s*__vite__mapDeps\(\[([\d,\s]*)\]\))?/g)) {
    const chunkFile = path.posix.join(assetsDir, m[1] ?? '')
    const fetched = staticClosure(rendererDir, chunkFile)
    for (const i of (m[2] ?? '').split(',').filter((x) => x.trim() !== '')) {
      const dep = deps[Number(i)]
      if (dep) fetched.add(path.posix.join(assetsDir, dep))
    }
    const beyond = [...fetched].filter((f) => !initial.has(f)).sort()
    const name = path.posix.basename(chunkFile).replace(/-[\w-]{8}\.js$/, '')
    screens.push({
      screen: SCREENS[name] ?? name,
      chunk: sizeOf(rendererDir, chunkFile),
      firstOpen: { ...sum(beyond.map((f) => sizeOf(rendererDir, f))), fileNames: beyond },
    })
  }

  const initialFiles = ['index.html', ...[...initial].sort()]
  const everything = ['index.html', ...fs.readdirSync(path.join(rendererDir, assetsDir)).map((f) => path.posix.join(assetsDir, f))]
  return {
    initial: { ...sum(initialFiles.map((f) => sizeOf(rendererDir, f))), fileNames: initialFiles },
    entry: sizeOf(rendererDir, entryFile),
    screens,
    all: sum(everything.map((f) => sizeOf(rendererDir, f))),
  }
}
