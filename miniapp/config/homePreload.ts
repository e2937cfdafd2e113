import fs from 'node:fs';
import path from 'node:path';

/**
 * The H5 build's head starts the home screen's query itself, while the browser is
 * still fetching the JavaScript: on a slow phone the answer is there when the home
 * page first renders instead of one round trip after it. The app takes the promise
 * from `window.__citizenHomePreload` (features/catalogue/preload.h5.ts) when its
 * variables match, and asks again the usual way when they do not or it failed.
 *
 * The script is inline in index.html; the BFF's CSP allows it by its sha256, computed
 * from the built file at start (bff/src/http/edges.ts), so no 'unsafe-inline' is needed.
 */
const GENERATED = path.resolve(__dirname, '..', '..', 'shared', 'src', 'graphql', 'generated.ts');

/** The HomeScreen document exactly as the app sends it (codegen's string in generated.ts). */
export function homeScreenDocument(): string {
  const source = fs.readFileSync(GENERATED, 'utf8');
  const match = /export const HomeScreenDocument = new TypedDocumentString\(`([\s\S]*?)`/.exec(source);
  if (!match) throw new Error('HomeScreenDocument not found in shared/src/graphql/generated.ts: run npm run codegen');
  return match[1]!;
}

/**
 * The inline script. Its variables are built in the order useHomeScreen builds them
 * (platform, region), so the key the app compares is the same JSON text.
 */
export function homePreloadScript(region: string | undefined = process.env.TARO_APP_REGION || undefined): string {
  const variables = { platform: 'H5', region: region ?? null };
  // Whitespace is not meaning in GraphQL: the shorter text keeps index.html small.
  const body = JSON.stringify({ query: homeScreenDocument().replace(/\s+/g, ' ').trim(), variables });
  // A failed fetch resolves to null, so an unused preload never becomes an unhandled rejection.
  return (
    `!function(w){try{w.__citizenHomePreload={key:${JSON.stringify(JSON.stringify(variables))},` +
    `result:fetch("/graphql",{method:"POST",headers:{"content-type":"application/json",accept:"application/json"},body:${JSON.stringify(body)}})` +
    `.then(function(r){return r.json()}).catch(function(){return null})}}catch(e){}}(window);`
  );
}

interface HtmlTag {
  tagName: string;
  voidTag: boolean;
  attributes: Record<string, string | boolean>;
}

/** What the plugin reads of webpack's compiler and compilation (webpack is Taro's, so not imported for its types). */
interface Compilation {
  outputOptions: { publicPath?: unknown };
  chunkGroups: Iterable<{ origins: Array<{ request?: string }>; chunks: Iterable<{ files: Iterable<string> }> }>;
}
interface Compiler {
  hooks: { compilation: { tap(name: string, run: (compilation: Compilation) => void): void } };
}
interface HtmlWebpackPluginHooks {
  alterAssetTagGroups: { tap(name: string, run: (data: { headTags: HtmlTag[] }) => { headTags: HtmlTag[] }): void };
}

/**
 * Lists the home page's own chunks (its script, its CSS and the Taro web components it
 * imports) in index.html as `<link rel="preload">`. Pages are loaded with import() only
 * after the app's scripts have run; on a 3G link that is one more round trip (~0.6 s)
 * before the page can render. Preloading fetches them alongside the app's scripts; the
 * chunk loader then finds them in the cache. Other pages stay lazy.
 */
export class PreloadHomeChunks {
  constructor(private readonly page = /pages[\\/]home[\\/]index/) {}

  apply(compiler: Compiler): void {
    // The html-webpack-plugin instance Taro's runner uses: its hooks are per module instance,
    // so it is found from the runner at build time rather than imported.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a path resolved at run time
    const HtmlWebpackPlugin = require(
      require.resolve('html-webpack-plugin', { paths: [require.resolve('@tarojs/webpack5-runner')] }),
    ) as {
      getHooks(compilation: Compilation): HtmlWebpackPluginHooks;
    };
    compiler.hooks.compilation.tap('PreloadHomeChunks', (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap(
        'PreloadHomeChunks',
        (data: { headTags: HtmlTag[] }) => {
          const publicPath = String(compilation.outputOptions.publicPath ?? '/').replace(/auto$/, '/');
          const files = new Set<string>();
          for (const group of compilation.chunkGroups) {
            if (!group.origins.some((o) => o.request && this.page.test(o.request))) continue;
            for (const chunk of group.chunks) for (const file of chunk.files) files.add(file);
          }
          const links = [...files]
            .filter((file) => /\.(js|css)$/.test(file))
            .map((file): HtmlTag => ({
              tagName: 'link',
              voidTag: true,
              attributes: {
                rel: 'preload',
                as: file.endsWith('.js') ? 'script' : 'style',
                href: `${publicPath}${file}`,
              },
            }));
          data.headTags.push(...links);
          return data;
        },
      );
    });
  }
}
