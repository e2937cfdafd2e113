/**
 * H5: the home shell the BFF draws into index.html (bff/src/http/home-shell.ts) shows the
 * published tiles, as links, before this app has loaded. It is fixed over the app, which
 * renders beneath it; it goes when the app has something of its own to show in its place:
 * the home page once its tiles (or its error) are rendered, or at once on any other page
 * (a tile tapped before the app was ready, a link into a page, or leaving home).
 */
const SHELL_ID = 'home-shell';

/** The hash router's route: '' (no hash yet) or pages/home/index is home. */
function onHome(): boolean {
  const route = window.location.hash.replace(/^#\/?/, '').split('?')[0];
  return route === '' || route === 'pages/home/index';
}

export function releaseHomeShell(): void {
  document.getElementById(SHELL_ID)?.remove();
}

/** Called once as the app starts. */
export function watchHomeShell(): void {
  if (!document.getElementById(SHELL_ID)) return;
  if (!onHome()) {
    releaseHomeShell();
    return;
  }
  const leave = () => {
    if (onHome()) return;
    releaseHomeShell();
    window.removeEventListener('hashchange', leave);
  };
  window.addEventListener('hashchange', leave);
}
