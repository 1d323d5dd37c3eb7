// npm run preflight, and the first step of npm test: plain Node, so that a machine without
// node_modules (or with an old Node) is told so in one message instead of "tsx: not found".
// With tsx there, it hands over to test/support/preflight.ts, which checks everything else.

import fs from 'node:fs'

const major = Number(process.versions.node.split('.')[0])
const tsxInstalled = fs.existsSync(new URL('../node_modules/tsx/package.json', import.meta.url))

// tsx itself needs Node 18.
if (!tsxInstalled || major < 18) {
  const lines = ['测试前检查未通过，测试没有运行 / Preflight failed; no test was run:']
  if (major < 20) {
    lines.push(
      `  ✗ 需要 Node.js 20 或更新版本，当前是 ${process.versions.node}`,
      `    Node.js 20 or newer is needed; this is ${process.versions.node}`,
    )
  }
  if (!tsxInstalled)
    lines.push('  ✗ npm 依赖未安装（没有 node_modules/tsx）', '    the npm dependencies are not installed (no node_modules/tsx)')
  lines.push(
    '  浏览器、LibreOffice、Poppler 和中文字体在依赖装好之后检查。',
    '    The browser, LibreOffice, Poppler and the CJK font are checked once the dependencies are installed.',
    '安装 / To install:',
    ...(major < 20 ? ['  Node.js 20 LTS: https://nodejs.org'] : []),
    '  npm run setup',
  )
  process.stderr.write(`${lines.join('\n')}\n`)
  process.exit(1)
}

const { tsImport } = await import('tsx/esm/api')
const { main } = await tsImport('./support/preflight.ts', import.meta.url)
process.exitCode = await main()
