import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import CompressionPlugin from 'compression-webpack-plugin';
import packageJson from '../package.json';

// Workspace packages (e.g. @veterans/shared) ship TypeScript source; Taro compiles only what it is told to.
const workspacePackages = path.resolve(__dirname, '../../packages');

// https://docs.taro.zone/docs/config
export default defineConfig<'webpack5'>(() => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'veterans-service',
    // NutUI is drawn for a 375 px wide design; our own styles use the 750 px convention.
    designWidth(input) {
      const file = typeof input === 'object' ? input?.file : undefined;
      return file?.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750;
    },
    deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // TARO_OUTPUT_ROOT lets two builds run side by side (e.g. a second checkout); the product uses dist/<target>.
    outputRoot: process.env.TARO_OUTPUT_ROOT ?? `dist/${process.env.TARO_ENV}`,
    plugins: ['@tarojs/plugin-html'],
    env: {
      // Read by src/api/base-url.ts; the shell or a .env file may set it.
      TARO_APP_API_BASE: JSON.stringify(process.env.TARO_APP_API_BASE ?? ''),
      TARO_APP_VERSION: JSON.stringify(packageJson.version),
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [workspacePackages] },
      // Plain class-scoped CSS: the order in which pages pull in NutUI styles does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: { pxtransform: { enable: true, config: {} } },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      // History mode: the API server serves this build at / and falls back to index.html.
      router: { mode: 'browser' },
      compile: { include: [workspacePackages] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: { autoprefixer: { enable: true, config: {} } },
      webpackChain(chain) {
        if (process.env.NODE_ENV !== 'production') return;
        // A brotli and a gzip sibling of every text file, which the API server sends by the browser's
        // Accept-Encoding (server/src/plugins/h5-app.ts): a phone on a slow connection fetches about a third of
        // the bytes, and nothing is compressed per request.
        for (const [name, algorithm] of [
          ['br', 'brotliCompress'],
          ['gz', 'gzip'],
        ] as const) {
          chain
            .plugin(`precompress-${name}`)
            .use(CompressionPlugin, [{ algorithm, filename: `[path][base].${name}`, test: /\.(js|css|html|svg)$/ }]);
        }
      },
      // `pnpm dev:h5` talks to a local API server.
      devServer: { proxy: { '/api': 'http://127.0.0.1:3000' } },
    },
  };
  return config;
});
