/** Mini-programs have no server-drawn page before the app (no index.html): nothing to release. shell.h5.ts has the browser's. */
export function releaseHomeShell(): void {}

export function watchHomeShell(): void {}
