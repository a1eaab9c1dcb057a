import Taro from '@tarojs/taro'

/** Whether the 扫码 button can work here: always in WeChat, in a browser only with a camera API. */
export function canScan(): boolean {
  if (process.env.TARO_ENV !== 'h5') return true
  return typeof navigator !== 'undefined' && Boolean(navigator.mediaDevices?.getUserMedia)
}

/**
 * Scans a QR code with the camera and returns its text, or null when the person cancels or no
 * camera can be used: WeChat's scanner in the mini-program, ZXing over the camera in the browser.
 */
export async function scanQrCode(): Promise<string | null> {
  if (process.env.TARO_ENV === 'h5') {
    const { scanWithCamera } = await import('./camera-scan.h5')
    return scanWithCamera()
  }
  const scanned = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] }).catch(
    () => null,
  )
  return scanned?.result ?? null
}
