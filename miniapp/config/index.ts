import path from 'node:path';
import zlib from 'node:zlib';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import CompressionPlugin from 'compression-webpack-plugin';
import { PreloadHomeChunks, homePreloadScript } from './homePreload';

/**
 * One configuration for all four targets; `taro build --type weapp|alipay|swan|h5`
 * picks the platform and writes to dist/<platform>. Versions and settings measured on
 * this machine are in ../shared/reference/taro-setup.md.
 */
// TARO_OUTPUT_ROOT: build elsewhere (a test's own copy) while others rebuild dist/.
const OUTPUT_ROOT = process.env.TARO_OUTPUT_ROOT || `dist/${process.env.TARO_ENV}`;
const IDE_PROJECT_FILES: Record<string, Array<{ from: string; to: string }>> = {
  alipay: [{ from: 'config/ide/mini.project.json', to: path.join(OUTPUT_ROOT, 'mini.project.json') }],
  swan: [{ from: 'config/ide/project.swan.json', to: path.join(OUTPUT_ROOT, 'project.swan.json') }],
};

export default defineConfig<'webpack5'>(async (merge) => {
  const base: UserConfigExport<'webpack5'> = {
    projectName: 'citizen-super-app',
    date: '2026-11-21',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: OUTPUT_ROOT,
    plugins: ['@tarojs/plugin-platform-alipay', '@tarojs/plugin-platform-swan'],
    defineConstants: {},
    // The Alipay and Baidu IDEs open a build folder only with their project file in it (config/ide/).
    copy: { patterns: IDE_PROJECT_FILES[process.env.TARO_ENV ?? ''] ?? [], options: {} },
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
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      // The shared workspace is TypeScript source: compile it like our own. uqr (the licence
      // code's QR) ships ES2020 (optional chaining), which older platform runtimes reject.
      compile: {
        include: [
          path.resolve(__dirname, '..', '..', 'shared'),
          path.resolve(__dirname, '..', '..', 'node_modules', 'uqr'),
        ],
      },
      // Component styles are class-scoped (BEM), so their order across pages does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      // Main package ≤ 600 KB (issue 20): each GraphQL document becomes its own module
      // (config/splitDocuments.js) and goes with the pages that use it; the shared workspace
      // is side-effect free, so an import through its index pulls in only what it names.
      webpackChain(chain) {
        chain.module
          .rule('split-documents')
          .test(/[\\/]shared[\\/]src[\\/]graphql[\\/]generated\.ts$/)
          .enforce('pre')
          .use('split-documents')
          .loader(path.resolve(__dirname, 'splitDocuments.js'));
        chain.module
          .rule('shared-side-effect-free')
          .test(/[\\/]shared[\\/]src[\\/]/)
          .set('sideEffects', false);
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      // Names change only when their content does: the BFF serves them as immutable for a year.
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      // index.html starts the home query before the JavaScript arrives (config/homePreload.ts).
      htmlPluginOption: { homePreload: homePreloadScript() },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      compile: {
        include: [
          path.resolve(__dirname, '..', '..', 'shared'),
          path.resolve(__dirname, '..', '..', 'node_modules', 'uqr'),
        ],
      },
      // Pages load as separate chunks on H5, and webpack copied what they share into each
      // one (11 pages × ~120 KB). The shared workspace and Taro's web components get
      // chunks of their own instead, loaded once.
      webpackChain(chain) {
        const splitChunks = (chain.optimization.get('splitChunks') as { cacheGroups?: object } | undefined) || {};
        chain.optimization.splitChunks({
          ...splitChunks,
          cacheGroups: {
            ...(splitChunks.cacheGroups ?? {}),
            citizenShared: {
              name: 'citizen-shared',
              test: /[\\/]shared[\\/]src[\\/]/,
              chunks: 'all',
              priority: 30,
              enforce: true,
              reuseExistingChunk: true,
            },
            // Taro's web components and their helpers, likewise copied into each page otherwise.
            taroWeb: {
              name: 'taro-web',
              test: /[\\/]node_modules[\\/](@tarojs|@stencil|@babel[\\/]runtime)[\\/]/,
              chunks: 'async',
              priority: 20,
              reuseExistingChunk: true,
            },
          },
        });
        // Precompressed at build time (brotli at its highest level costs the build, not each
        // request): the BFF sends the .br or .gz file the browser accepts.
        if (process.env.NODE_ENV !== 'development') {
          const test = /\.(js|css|html|svg|json)$/;
          chain
            .plugin('gzip')
            .use(CompressionPlugin, [
              { test, algorithm: 'gzip', filename: '[path][base].gz', compressionOptions: { level: 9 }, minRatio: 0.9 },
            ]);
          chain.plugin('brotli').use(CompressionPlugin, [
            {
              test,
              algorithm: 'brotliCompress',
              filename: '[path][base].br',
              compressionOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } },
              minRatio: 0.9,
            },
          ]);
          chain.plugin('preloadHomeChunks').use(PreloadHomeChunks);
        }
      },
    },
  };
  return merge(
    {},
    base,
    process.env.NODE_ENV === 'development' ? (await import('./dev')).default : (await import('./prod')).default,
  );
});
