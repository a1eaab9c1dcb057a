import Taro from '@tarojs/taro'
import type { Envelope } from '@/contracts/error-codes'

/**
 * The only place that talks to the backend: `Taro.cloud.callFunction` in the mini-program,
 * `POST /fn/<name>` on the local host in H5. A call that fails in transport becomes
 * `{ok:false, error:{code:'NETWORK'}}`; no toasts, navigation or storage here.
 */
export async function callFunction<T>(
  name: string,
  action: string,
  payload: unknown = {},
  requestId?: string,
): Promise<Envelope<T>> {
  const data = { action, payload, ...(requestId ? { requestId } : {}) }
  try {
    if (process.env.TARO_ENV === 'weapp') {
      const res = await Taro.cloud.callFunction({ name, data })
      return res.result as Envelope<T>
    }
    const res = await fetch(`/fn/${name}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(data),
    })
    return (await res.json()) as Envelope<T>
  } catch {
    return { ok: false, error: { code: 'NETWORK', message: '网络异常，请稍后重试' } }
  }
}
