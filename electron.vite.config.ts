import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

// Top-level electron/ and renderer/ folders instead of electron-vite's src/ defaults,
// so every part names its entry. Output: out/main, out/preload, out/renderer.
export default defineConfig({
  main: {
    build: {
      // better-sqlite3 (native), kysely, zod… load from node_modules at run time.
      externalizeDeps: true,
      lib: { entry: resolve(import.meta.dirname, 'electron/main/index.ts') },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require only 'electron': zod and the contract are bundled in.
      externalizeDeps: false,
      lib: { entry: resolve(import.meta.dirname, 'electron/preload/index.ts') },
      rolldownOptions: { output: { format: 'cjs' } },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    // Relative asset paths: production loads index.html over file://.
    base: './',
    plugins: [react()],
    build: {
      // Minified: the window parses and compiles less before the desk is drawn (electron-vite leaves it off).
      minify: true,
      rolldownOptions: { input: resolve(import.meta.dirname, 'renderer/index.html') },
    },
  },
})
