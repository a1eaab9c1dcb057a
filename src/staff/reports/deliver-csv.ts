import Taro from '@tarojs/taro'
import type { ReportExport } from '@/contracts/reports'

/**
 * Hands an exported report to the admin: a download in the browser; in WeChat, where a page
 * cannot save a file for the person, the text goes to the clipboard to paste into a spreadsheet
 * (as the attendance export does).
 */
export async function deliverCsv(file: ReportExport): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    const url = URL.createObjectURL(new Blob([file.csv], { type: 'text/csv;charset=utf-8' }))
    const link = document.createElement('a')
    link.href = url
    link.download = file.filename
    document.body.appendChild(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
    await Taro.showToast({ title: `已导出 ${file.rows} 行`, icon: 'none' })
    return
  }
  await Taro.setClipboardData({ data: file.csv.replace(/^\uFEFF/, '') })
  await Taro.showModal({
    title: '报表已复制',
    content: `${file.rows} 行数据（CSV，手机号与许可证号已脱敏）已复制到剪贴板，可粘贴到电脑表格中保存。`,
    showCancel: false,
  })
}
