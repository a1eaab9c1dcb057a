import { chartOptions, wholeTop } from '@/components/Chart/chart-options'

describe('wholeTop', () => {
  it.each([
    [0, 5],
    [1, 5],
    [2, 5],
    [5, 5],
    [6, 10],
    [12, 15],
    [12_345, 12_345],
    [12_346, 12_350],
  ])(
    'puts the axis top for a highest value of %i at %i, so five steps stay whole',
    (highest, top) => {
      expect(wholeTop(highest)).toBe(top)
      expect((top / 5) % 1).toBe(0)
    },
  )
})

describe('chartOptions', () => {
  const size = { width: 320, height: 200, pixelRatio: 2 }

  it('draws in device pixels and labels the bars of a single series', () => {
    const options = chartOptions(
      {
        type: 'column',
        categories: ['审核中', '已通过'],
        series: [{ name: '人数', data: [1, 2] }],
      },
      size,
    )

    expect(options).toMatchObject({ width: 640, height: 400, pixelRatio: 2, dataLabel: true })
    expect(options.legend.show).toBe(false)
    expect(options.yAxis.data[0]).toMatchObject({ min: 0, max: 5 })
  })

  it('shows a legend instead of bar labels for grouped series', () => {
    const options = chartOptions(
      {
        type: 'column',
        categories: ['1月', '2月'],
        series: [
          { name: '发放', data: [1200, 800] },
          { name: '兑换', data: [300, 0] },
        ],
      },
      size,
    )

    expect(options).toMatchObject({ dataLabel: false, legend: { show: true } })
    expect(options.yAxis.data[0]!.max).toBe(1200)
  })
})
