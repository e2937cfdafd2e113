import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

/**
 * One configuration for all four targets; `taro build --type weapp|alipay|swan|h5`
 * picks the platform and writes to dist/<platform>. Versions and settings measured on
 * this machine are in ../shared/reference/taro-setup.md.
 */
export default defineConfig<'webpack5'>(async (merge) => {
  const base: UserConfigExport<'webpack5'> = {
    projectName: 'citizen-super-app',
    date: '2026-11-21',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: ['@tarojs/plugin-platform-alipay', '@tarojs/plugin-platform-swan'],
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    // Prebundling fails on this Taro version's resolver ("options.roots.map") and is skipped anyway: off, so builds are quiet.
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
    },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      // The shared workspace is TypeScript source: compile it like our own. uqr (the licence
      // code's QR) ships ES2020 (optional chaining), which older platform runtimes reject.
      compile: { include: [path.resolve(__dirname, '..', '..', 'shared'), path.resolve(__dirname, '..', '..', 'node_modules', 'uqr')] },
      // Component styles are class-scoped (BEM), so their order across pages does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      compile: { include: [path.resolve(__dirname, '..', '..', 'shared'), path.resolve(__dirname, '..', '..', 'node_modules', 'uqr')] },
      // Pages load as separate chunks on H5, and webpack copied what they share into each
      // one (11 pages × ~120 KB). The shared workspace and Taro's web components get
      // chunks of their own instead, loaded once.
      webpackChain(chain) {
        const splitChunks = (chain.optimization.get('splitChunks') as Record<string, any>) || {};
        chain.optimization.splitChunks({
          ...splitChunks,
          cacheGroups: {
            ...(splitChunks.cacheGroups ?? {}),
            citizenShared: { name: 'citizen-shared', test: /[\\/]shared[\\/]src[\\/]/, chunks: 'all', priority: 30, enforce: true, reuseExistingChunk: true },
            // Taro's web components and their helpers, likewise copied into each page otherwise.
            taroWeb: { name: 'taro-web', test: /[\\/]node_modules[\\/](@tarojs|@stencil|@babel[\\/]runtime)[\\/]/, chunks: 'async', priority: 20, reuseExistingChunk: true },
          },
        });
      },
    },
  };
  return merge({}, base, process.env.NODE_ENV === 'development' ? (await import('./dev')).default : (await import('./prod')).default);
});
