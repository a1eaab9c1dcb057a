import { Image } from '@tarojs/components'
import qrcode from 'qrcode-generator'
import { useMemo } from 'react'
import './index.scss'

/** A QR image (data URL) of `text`, as the member card's: medium error correction. */
function qrDataUrl(text: string): string {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  return qr.createDataURL(8, 2)
}

/** A square QR code of `text`, for scanning from this screen (a staff invite). */
export default function QrCode({ text, testId }: { text: string; testId?: string }) {
  const src = useMemo(() => qrDataUrl(text), [text])
  return <Image className='qr-code' src={src} mode='aspectFit' data-testid={testId} />
}
