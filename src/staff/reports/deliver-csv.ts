import type { ReportExport } from '@/contracts/reports'
import { CSV_MIME, deliverTextFile } from '@/platform/deliver-file'

/** Hands an exported report to the admin (see `deliverTextFile`). */
export const deliverCsv = (file: ReportExport) =>
  deliverTextFile(
    { text: file.csv, filename: file.filename, mime: CSV_MIME },
    {
      title: '报表已复制',
      content: `${file.rows} 行数据（CSV，手机号与许可证号已脱敏）已复制到剪贴板，可粘贴到电脑表格中保存。`,
    },
    `已导出 ${file.rows} 行`,
  )
