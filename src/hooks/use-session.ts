import { useDidShow } from '@tarojs/taro'
import { useSessionStore } from '@/stores/session.store'

/** The session, refreshed each time the page shows (a review may have happened meanwhile). */
export function useSession() {
  const load = useSessionStore((s) => s.load)
  useDidShow(() => {
    void load()
  })
  return useSessionStore()
}
