import { BrowserQRCodeReader } from '@zxing/browser'

/**
 * The H5 build's camera scanner (the mini-program uses Taro.scanCode): a full-screen preview of the
 * back camera, decoded by ZXing until a QR code is read or the clerk cancels. Loaded only when the
 * clerk taps 扫码, so the library stays out of the first page load.
 */
export function scanWithCamera(): Promise<string | null> {
  return new Promise((resolve) => {
    const overlay = document.createElement('div')
    overlay.setAttribute('data-testid', 'camera-scanner')
    overlay.style.cssText =
      'position:fixed;inset:0;z-index:10000;background:#000;display:flex;flex-direction:column;' +
      'align-items:center;justify-content:center;gap:16px;color:#fff;font-size:16px'
    const video = document.createElement('video')
    video.muted = true
    video.setAttribute('playsinline', 'true')
    video.style.cssText = 'width:100%;max-height:70vh;object-fit:cover'
    const hint = document.createElement('div')
    hint.textContent = '请将会员码放入取景框内'
    const cancel = document.createElement('button')
    cancel.textContent = '取消'
    cancel.style.cssText =
      'padding:10px 32px;border-radius:20px;border:1px solid #fff;background:none;color:#fff'
    overlay.append(video, hint, cancel)
    document.body.append(overlay)

    let stop: () => void = () => {}
    let settled = false
    const finish = (text: string | null) => {
      if (settled) return
      settled = true
      stop()
      overlay.remove()
      resolve(text)
    }
    cancel.onclick = () => finish(null)

    new BrowserQRCodeReader()
      .decodeFromConstraints({ video: { facingMode: 'environment' } }, video, (result) => {
        if (result) finish(result.getText())
      })
      .then((controls) => {
        stop = () => controls.stop()
        if (settled) controls.stop()
      })
      .catch(() => finish(null))
  })
}
