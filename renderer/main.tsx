import 'dayjs/locale/zh-cn'
import dayjs from 'dayjs'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { startWindow } from './layout/first-calls'
import { currentRoute } from './lib/route'

dayjs.locale('zh-cn')
// The first calls go out before React draws anything: the bridge answers while the shell renders.
startWindow(currentRoute())

const root = document.getElementById('root')
if (!root) throw new Error('页面缺少 #root 节点')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
