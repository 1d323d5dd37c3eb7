import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** Where the app's own page comes from; the only page allowed to load, navigate and call main. */
export type RendererPage = { kind: 'dev-server'; url: string; origin: string } | { kind: 'file'; file: string }

export function rendererPage(options: { devServerUrl: string | undefined; isPackaged: boolean; mainDir: string }): RendererPage {
  // A packaged app ignores the variable: otherwise anyone able to set it could point the
  // window, and its access to the ledger, at any web page.
  if (options.devServerUrl && !options.isPackaged) {
    return { kind: 'dev-server', url: options.devServerUrl, origin: new URL(options.devServerUrl).origin }
  }
  return { kind: 'file', file: path.join(options.mainDir, '..', 'renderer', 'index.html') }
}

export function pageUrl(page: RendererPage): string {
  return page.kind === 'dev-server' ? page.url : pathToFileURL(page.file).href
}

function samePath(a: string, b: string): boolean {
  const normalize = (p: string) => path.normalize(p)
  // Windows paths differ in case only when the user typed them differently: same file.
  if (process.platform === 'win32') return normalize(a).toLowerCase() === normalize(b).toLowerCase()
  return normalize(a) === normalize(b)
}

/**
 * Same page, ignoring hash and query, so in-app routes still count as the app. Never throws: a
 * URL that cannot be read as the app's page (a file URL with an encoded slash, or with a host,
 * which fileURLToPath refuses) is not the app's page, and every guard refuses it.
 */
export function isOwnPage(page: RendererPage, url: string): boolean {
  try {
    const parsed = new URL(url)
    if (page.kind === 'dev-server') return parsed.origin === page.origin
    // Compare decoded paths: Chinese folder names may be percent-encoded differently by each side.
    return parsed.protocol === 'file:' && parsed.host === '' && samePath(fileURLToPath(parsed), page.file)
  } catch {
    return false
  }
}
