import { Image } from '@tarojs/components'
import { useMemo } from 'react'
import { qrDataUrl } from './qr-data-url'
import './index.scss'

/** A square QR code of `text`, for scanning from this screen (a staff invite). */
export default function QrCode({ text, testId }: { text: string; testId?: string }) {
  const src = useMemo(() => qrDataUrl(text), [text])
  return <Image className='qr-code' src={src} mode='aspectFit' data-testid={testId} />
}
