import { writeFileSync } from 'node:fs'
import qrcode from 'qrcode-generator'

const WIDTH = 640
const HEIGHT = 480
/** Luma of white and black paper in studio-range YUV. */
const WHITE = 235
const BLACK = 16

/**
 * A Y4M video of `text` as a QR code on white, for Chromium's fake camera
 * (`--use-file-for-fake-video-capture`): what a phone held up to the clerk's camera shows.
 */
export function qrCodeVideo(text: string, file: string): string {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  const modules = qr.getModuleCount()
  const scale = Math.floor((Math.min(WIDTH, HEIGHT) * 0.8) / modules)
  const left = Math.floor((WIDTH - modules * scale) / 2)
  const top = Math.floor((HEIGHT - modules * scale) / 2)
  const luma = Buffer.alloc(WIDTH * HEIGHT, WHITE)
  for (let row = 0; row < modules; row++) {
    for (let col = 0; col < modules; col++) {
      if (!qr.isDark(row, col)) continue
      for (let y = 0; y < scale; y++) {
        const start = (top + row * scale + y) * WIDTH + left + col * scale
        luma.fill(BLACK, start, start + scale)
      }
    }
  }
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128)
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma])
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`)
  writeFileSync(file, Buffer.concat([header, frame, frame]))
  return file
}

/** Chromium switches that answer getUserMedia with `video` and no permission prompt. */
export const fakeCameraArgs = (video: string) => [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-video-capture=${video}`,
]
