import fs from 'node:fs';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { xmlSafe } from './miniprogram';
import { MAIN_PACKAGE_GOAL_BYTES, PACKAGE_LIMIT_BYTES, describeSizes, packageSizes } from '../../scripts/packageSizes';

/**
 * Every template the Alipay and Baidu builds ship, read by a strict XML parser (only
 * the binding expressions' `&&`/`<` and valueless else-directives are eased, see
 * xmlSafe), then checked against what the platform supports: its own directive prefix
 * (a: on Alipay, s- on Baidu; never WeChat's wx:), its event-binding form (onTap /
 * catchTap on Alipay, bindtap / catchtap on Baidu), and only components the platform
 * documents or the page declares in usingComponents.
 */
const DIST = path.resolve(__dirname, '../../dist');

const COMMON = [
  'view',
  'scroll-view',
  'swiper',
  'swiper-item',
  'movable-area',
  'movable-view',
  'cover-view',
  'cover-image',
  'icon',
  'text',
  'rich-text',
  'progress',
  'button',
  'checkbox',
  'checkbox-group',
  'form',
  'input',
  'label',
  'picker',
  'picker-view',
  'picker-view-column',
  'radio',
  'radio-group',
  'slider',
  'switch',
  'textarea',
  'navigator',
  'image',
  'video',
  'camera',
  'canvas',
  'map',
  'web-view',
  'block',
  'template',
  'import',
  'include',
  'import-sjs',
  'slot',
];
const PLATFORMS = {
  alipay: {
    markup: 'axml',
    projectFile: 'mini.project.json',
    components: new Set([...COMMON, 'lottie', 'page-container', 'share-element', 'root-portal']),
    directive: /^a:(if|elif|else|for|for-item|for-index|key)$/,
    foreignDirective: /^(wx:|s-|tt:|qq:)/,
    event: /^(on|catch)[A-Z]\w*$/,
    foreignEvent: /^(bind|capture-bind|capture-catch)/,
  },
  swan: {
    markup: 'swan',
    projectFile: 'project.swan.json',
    components: new Set([
      ...COMMON,
      'animation-view',
      'ar-camera',
      'live-player',
      'live-pusher',
      'open-data',
      'filter',
    ]),
    directive: /^s-(if|elif|else|for|for-item|for-index|key)$/,
    foreignDirective: /^(wx:|a:|tt:|qq:)/,
    event: /^(bind|catch|capture-bind|capture-catch):?[a-z]+$/,
    foreignEvent: /^on[A-Z]/,
  },
} as const;

function templates(dir: string, ext: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return templates(full, ext);
    return entry.name.endsWith(`.${ext}`) ? [full] : [];
  });
}

describe.each(Object.entries(PLATFORMS))('the %s templates', (platform, rules) => {
  // ALIPAY_DIST / SWAN_DIST: a build elsewhere than miniapp/dist/<platform> (helpers build into their own folder).
  const dist = (platform === 'alipay' ? process.env.ALIPAY_DIST : process.env.SWAN_DIST) ?? path.join(DIST, platform);
  const files = fs.existsSync(dist) ? templates(dist, rules.markup) : [];

  it('exist for the base template and every page', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files).toContain(path.join(dist, `base.${rules.markup}`));
  });

  it('come with the IDE’s project file, packages under the 2 MB limit and the main package within 600 KB (sizes printed)', () => {
    expect(typeof JSON.parse(fs.readFileSync(path.join(dist, rules.projectFile), 'utf8'))).toBe('object');
    const sizes = packageSizes(dist);
    console.log(`${platform}: ${describeSizes(sizes)}`);
    expect(sizes.main).toBeLessThan(PACKAGE_LIMIT_BYTES);
    // Issue 20's goal: the main package (tabs, runtime, what they share) ≤ 600 KB; other pages are subpackages.
    expect(sizes.main).toBeLessThanOrEqual(MAIN_PACKAGE_GOAL_BYTES);
    for (const size of Object.values(sizes.subpackages)) expect(size).toBeLessThan(PACKAGE_LIMIT_BYTES);
  });

  it('parse as XML and use only the platform’s directives, events and components', () => {
    const problems: string[] = [];
    let elements = 0;
    for (const file of files) {
      const json = file.replace(new RegExp(`\\.${rules.markup}$`), '.json');
      const declared = fs.existsSync(json)
        ? Object.keys(JSON.parse(fs.readFileSync(json, 'utf8')).usingComponents ?? {})
        : [];
      const where = path.relative(dist, file);
      const parser = new SaxesParser({ fragment: true });
      parser.on('error', (error) => {
        problems.push(`${where}: ${error.message}`);
      });
      parser.on('opentag', (tag) => {
        elements += 1;
        if (!rules.components.has(tag.name) && !declared.includes(tag.name))
          problems.push(`${where}:${parser.line} <${tag.name}> is not a ${platform} component`);
        for (const name of Object.keys(tag.attributes)) {
          if (rules.foreignDirective.test(name))
            problems.push(`${where}:${parser.line} ${name} is another platform's directive`);
          if (name.includes(':') && !name.startsWith('data-') && !rules.directive.test(name) && !rules.event.test(name))
            problems.push(`${where}:${parser.line} unknown directive ${name}`);
          if (platform === 'swan' && name.startsWith('s-') && !rules.directive.test(name))
            problems.push(`${where}:${parser.line} unknown directive ${name}`);
          if (rules.foreignEvent.test(name))
            problems.push(`${where}:${parser.line} ${name} binds an event the way another platform does`);
        }
      });
      parser.write(xmlSafe(fs.readFileSync(file, 'utf8'))).close();
    }
    expect(problems).toEqual([]);
    expect(elements).toBeGreaterThan(100);
  });
});
