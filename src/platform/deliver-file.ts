import Taro from '@tarojs/taro'

export type TextFile = { text: string; filename: string; mime: string }

/**
 * Hands a text file (a CSV export, the member's data) to the person: a download in the browser;
 * in WeChat, where a page cannot save a file for the person, the text goes to the clipboard
 * (without Excel's byte-order mark) and a dialog says what was copied. `downloaded` is the toast
 * after a download, if any.
 */
export async function deliverTextFile(
  file: TextFile,
  copied: { title: string; content: string },
  downloaded?: string,
): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    const url = URL.createObjectURL(new Blob([file.text], { type: file.mime }))
    const link = document.createElement('a')
    link.href = url
    link.download = file.filename
    document.body.appendChild(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
    if (downloaded) await Taro.showToast({ title: downloaded, icon: 'none' })
    return
  }
  await Taro.setClipboardData({ data: file.text.replace(/^\uFEFF/, '') })
  await Taro.showModal({ ...copied, showCancel: false })
}

export const CSV_MIME = 'text/csv;charset=utf-8'
