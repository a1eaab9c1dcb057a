import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import devConfig from './dev'
import prodConfig from './prod'
import { instantCardScript } from './instant-card'

const isH5 = process.env.TARO_ENV === 'h5'

/** NutUI is drawn at 375 px; our own styles at Taro's 750. */
const designWidth = (input?: unknown) => {
  const file = (input as { file?: string } | undefined)?.file ?? ''
  return file.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750
}

/** NutUI's number fonts, which only components the app does not use need (postcss-drop-font-faces). */
const unusedFonts = ['JDZH-Regular', 'JDZH-Bold']

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'retail-customer-club',
    date: '2026-11-23',
    designWidth,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // The weapp build is what WeChat DevTools opens (project.config.json → dist/); H5 apart.
    outputRoot: isH5 ? 'dist-h5' : 'dist',
    plugins: [],
    defineConstants: {
      'process.env.TARO_APP_CLOUD_ENV': JSON.stringify(process.env.TARO_APP_CLOUD_ENV ?? ''),
    },
    alias: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    // The mini-program's files are UTF-8: Chinese text needs 3 bytes a character there, not the 6
    // of the `\uXXXX` escapes Taro's minifier writes by default (ascii_only; about 11 KB of the
    // main package's scripts). H5 keeps Taro's defaults.
    ...(isH5 ? {} : { terser: { enable: true, config: { output: { ascii_only: false } } } }),
    // WeChat's templates cannot recurse, so base.wxml repeats every template once per level of
    // nesting; deeper nodes continue in Taro's `comp` component. Our pages nest at most 8 deep
    // (measured on the H5 build): 12 levels, not 16, keep them in the templates, 11 KB smaller.
    baseLevel: 12,
    // Webpack's persistent cache (node_modules/.cache/webpack): a rebuild after a small change, or
    // after `npm start` found the sources changed, takes seconds instead of a full build.
    // One cache per mode, platform and CloudBase environment (the build defines the latter).
    cache: {
      enable: true,
      name: [process.env.NODE_ENV, process.env.TARO_ENV, process.env.TARO_APP_CLOUD_ENV || 'local']
        .filter(Boolean)
        .join('-'),
    },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        './config/postcss-drop-font-faces.cjs': { enable: true, config: { families: unusedFonts } },
        cssModules: {
          enable: false,
          config: {
            namingPattern: 'module',
            generateScopedName: '[name]__[local]___[hash:base64:5]',
          },
        },
      },
      optimizeMainPackage: { enable: true },
      // No page sets innerHTML (dangerouslySetInnerHTML): Taro's runtime then leaves out its HTML
      // parser (about 9 KB of taro.js in the main package).
      runtime: { enableInnerHTML: false },
      // Every image a file of its own (Taro's `limit: true` means a size limit of 0 bytes), never a
      // base64 string in the scripts: base64 weighs a third more, and the tab icons were in the
      // package twice, as files for app.json's tabBar and inlined for the custom tab bar.
      imageUrlLoaderOption: { limit: true },
      miniCssExtractPluginOption: { ignoreOrder: true },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      },
    },
    h5: {
      publicPath: '/',
      // src/index.html loads the app's scripts itself (src/instant-card/main.ts): after the card's
      // QR is on screen when the page opens on the card, at once otherwise.
      htmlPluginOption: isH5 ? { instantCard: instantCardScript(), inject: false } : {},
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        // Taro sizes the root font by the screen's short side: a 1280×800 PC would get type twice
        // a phone's. Capped at 24 px, a PC shows phone-sized type (a 390 px phone gets 20.8 px).
        pxtransform: { enable: true, config: { minRootSize: 20, maxRootSize: 24 } },
        './config/postcss-drop-font-faces.cjs': { enable: true, config: { families: unusedFonts } },
        cssModules: {
          enable: false,
          config: {
            namingPattern: 'module',
            generateScopedName: '[name]__[local]___[hash:base64:5]',
          },
        },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        // Bundle sizes are measured by `npm run bench` (h5, weapp); webpack's 244 KB hint is noise.
        chain.performance.hints(false)
      },
    },
  }
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
