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

/** True when there is no identity: the page shows the sign-in hint instead of its content. */
export const needsSignIn = (error: { code: string } | null) => error?.code === 'AUTH.NOT_SIGNED_IN'
