/**
 * The mini-program has no demo clock: only the local host (H5) can move its time, CloudBase has
 * no demo function. Taro builds this file instead of index.tsx for weapp (its multi-platform
 * files), so the demo clock's store and api stay out of the main package.
 */
export default function DemoClockBanner() {
  return null
}
