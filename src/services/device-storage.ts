import Taro from '@tarojs/taro'
import type { StateStorage } from 'zustand/middleware'

/**
 * zustand's persistence over Taro's storage (the mini-program has no localStorage; in H5 Taro
 * uses the browser's). Used for what must survive without network, such as the card secret.
 */
export const deviceStorage: StateStorage = {
  getItem: (name) => {
    const value = Taro.getStorageSync(name) as unknown
    return typeof value === 'string' && value ? value : null
  },
  setItem: (name, value) => Taro.setStorageSync(name, value),
  removeItem: (name) => Taro.removeStorageSync(name),
}
