// The renderer as the benchmark finds it: out/renderer, built when it is missing, and the sizes
// of the bundle in it (bench/bundle.ts).

import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { bundleSizes, type BundleReport } from './bundle'

const projectDir = path.resolve(import.meta.dirname, '..')
const rendererDir = path.join(projectDir, 'out', 'renderer')

export const rendererBuilt = () => fs.existsSync(path.join(rendererDir, 'index.html'))

export const kB = (bytes: number) => (bytes / 1000).toFixed(1)

/** Builds out/renderer when it is missing; the bundle's sizes, or null when there is still none. */
export function measureBundle(): BundleReport | null {
  if (!rendererBuilt()) {
    process.stdout.write('  out/renderer is missing: building it (electron-vite build) …\n')
    try {
      execFileSync('npx', ['electron-vite', 'build'], { cwd: projectDir, stdio: ['ignore', 'ignore', 'inherit'] })
    } catch (e) {
      process.stdout.write(`  the build failed (${e instanceof Error ? e.message : String(e)})\n`)
    }
  }
  let bundle: BundleReport | null = null
  if (rendererBuilt()) {
    bundle = bundleSizes(rendererDir)
    process.stdout.write(
      `  bundle: the desk loads ${bundle.initial.files} files, ${kB(bundle.initial.raw)} kB (gzip ${kB(bundle.initial.gzip)}); ${bundle.screens.length} screens load later; all ${kB(bundle.all.raw)} kB\n`,
    )
  } else process.stdout.write('  skipped the bundle sizes: no out/renderer\n')
  return bundle
}
