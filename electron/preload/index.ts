import { contextBridge, ipcRenderer } from 'electron'
import { contract } from '../contract'
import { methodName } from '../contract/define'

// One function per contract entry and nothing else: the page never sees ipcRenderer, so it can
// only make the calls the contract lists (main validates every input again anyway).
const rawApi = Object.fromEntries(
  Object.keys(contract).map((channel) => [methodName(channel), (input: unknown): Promise<unknown> => ipcRenderer.invoke(channel, input)]),
)

contextBridge.exposeInMainWorld('api', rawApi)
