import { create } from 'zustand'
import type { TabPage } from '@/constants/tabs'

export type CurrentTabState = { current: TabPage; show(tab: TabPage): void }

/**
 * The tab page on screen. WeChat gives each tab page its own custom tab bar, and which page a bar
 * belongs to is not known when it mounts; the page says so each time it shows.
 */
export const useCurrentTab = create<CurrentTabState>()((set) => ({
  current: 'pages/index/index',
  show: (current) => set({ current }),
}))
