import fs from 'node:fs';
import path from 'node:path';

/** Every platform caps one package (the main package or any subpackage) at 2 MB. */
export const PACKAGE_LIMIT_BYTES = 2 * 1024 * 1024;

/**
 * Our own goal for the main package on every platform (issue 20): what a citizen downloads
 * before the first screen. Counted like the platforms count (no source maps; the "1.4 MB"
 * once reported for WeChat was the folder with its .map files).
 */
export const MAIN_PACKAGE_GOAL_BYTES = 600 * 1024;

export interface PackageSizes {
  main: number;
  subpackages: Record<string, number>;
  total: number;
}

function* files(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else yield full;
  }
}

/**
 * Sizes of a mini-program build's packages: each file belongs to the subpackage whose
 * root (from app.json) contains it, otherwise to the main package. Source maps and
 * licence notes are not uploaded and do not count.
 */
export function packageSizes(distDir: string): PackageSizes {
  const appJson = JSON.parse(fs.readFileSync(path.join(distDir, 'app.json'), 'utf8')) as {
    subPackages?: Array<{ root: string }>;
    subpackages?: Array<{ root: string }>;
  };
  const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((p) => p.root.replace(/\/?$/, '/'));
  const sizes: PackageSizes = { main: 0, subpackages: Object.fromEntries(roots.map((r) => [r, 0])), total: 0 };
  for (const file of files(distDir)) {
    if (file.endsWith('.map') || file.endsWith('.LICENSE.txt')) continue;
    const relative = path.relative(distDir, file).split(path.sep).join('/');
    const size = fs.statSync(file).size;
    const root = roots.find((r) => relative.startsWith(r));
    if (root) sizes.subpackages[root] += size;
    else sizes.main += size;
    sizes.total += size;
  }
  return sizes;
}

/** Total size of a folder (the H5 build has no packages). */
/** Bytes of the files under `dir` that `counts` accepts (all by default). */
export function folderSize(dir: string, counts: (file: string) => boolean = () => true): number {
  let total = 0;
  for (const file of files(dir)) if (counts(file)) total += fs.statSync(file).size;
  return total;
}

/** One line for a build's packages: the main package against the 2 MB limit and the 600 KB goal, then each subpackage. */
export function describeSizes(sizes: PackageSizes): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const goal = sizes.main <= MAIN_PACKAGE_GOAL_BYTES ? 'within' : `${kb(sizes.main - MAIN_PACKAGE_GOAL_BYTES)} over`;
  const subs = Object.entries(sizes.subpackages)
    .map(([root, size]) => `${root} ${kb(size)}`)
    .join(', ');
  return `main ${kb(sizes.main)} (${((sizes.main / PACKAGE_LIMIT_BYTES) * 100).toFixed(1)}% of the 2 MB limit; goal 600 KB: ${goal})${subs ? `; subpackages: ${subs}` : ''}`;
}
