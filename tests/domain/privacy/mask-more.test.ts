import { maskAddress, maskBirthday, maskName } from '@/domain/privacy/mask'

describe('maskName', () => {
  it.each([
    ['王建国', '王**'],
    ['欧阳娜娜', '欧***'],
    ['李', '*'],
    ['', ''],
  ])('keeps the first character of %p: %p', (name, masked) => {
    expect(maskName(name)).toBe(masked)
  })
})

describe('maskAddress', () => {
  it.each([
    ['江苏省南京市鼓楼区中山路100号', '江苏省南京市****'],
    ['南京市鼓楼区', '******'],
    ['', ''],
  ])('keeps the first six characters of %p: %p', (address, masked) => {
    expect(maskAddress(address)).toBe(masked)
  })
})

describe('maskBirthday', () => {
  it.each([
    ['1985-06-15', '1985-**-**'],
    ['1985/06/15', '**********'],
    ['', ''],
  ])('keeps the year of %p only: %p', (birthday, masked) => {
    expect(maskBirthday(birthday)).toBe(masked)
  })
})
