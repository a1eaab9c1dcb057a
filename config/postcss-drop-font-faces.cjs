/**
 * A PostCSS plugin that drops the `@font-face` rules of the given font families. NutUI's default
 * theme embeds its number fonts, JDZH-Regular and JDZH-Bold, as 16 KB of base64 in the app's
 * stylesheet; only its Badge, CountDown, Price and Rate use them, and the app shows none of these.
 * A component that does would fall back to the system font, so keep the list in step with the
 * NutUI components the app imports.
 */
module.exports = ({ families = [] } = {}) => ({
  postcssPlugin: 'drop-font-faces',
  AtRule: {
    'font-face'(rule) {
      let family = ''
      rule.walkDecls('font-family', (decl) => {
        family = decl.value.replace(/["']/g, '').trim()
      })
      if (families.includes(family)) rule.remove()
    },
  },
})
module.exports.postcss = true
