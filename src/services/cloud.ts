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

/**
 * Uploads one chosen photo and answers its storage id: CloudBase storage in the mini-program
 * (`cloud://…` fileID), the local host's `POST /dev/upload` in H5 (`local://…`). A failed upload
 * becomes `{ok:false, error:{code:'NETWORK'}}` like a failed call.
 */
export async function uploadPhoto(filePath: string): Promise<Envelope<string>> {
  try {
    if (process.env.TARO_ENV === 'weapp') {
      const extension = /\.(jpe?g|png|webp)$/i.exec(filePath)?.[1]?.toLowerCase() ?? 'jpg'
      const name = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`
      const res = await Taro.cloud.uploadFile({
        cloudPath: `complaints/${name}.${extension}`,
        filePath,
      })
      return { ok: true, data: res.fileID }
    }
    // In H5 the chosen image is a blob: URL; its bytes go up as they are, typed by the browser.
    const image = await (await fetch(filePath)).blob()
    const res = await fetch('/dev/upload', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': image.type },
      body: image,
    })
    return (await res.json()) as Envelope<string>
  } catch {
    return { ok: false, error: { code: 'NETWORK', message: '图片上传失败，请稍后重试' } }
  }
}
