import Taro from '@tarojs/taro';
import type { Tile } from './selectTiles';

/** Pages of this app a tile may open directly; other targets open the service page. */
const APP_PAGES = new Set<string>(['/pages/services/index', '/pages/messages/index', '/pages/me/index']);

/** Opens what a tile points at; a tile whose department system is down explains instead. */
export function openTile(tile: Tile): void {
  if (tile.available === false) {
    void Taro.showToast({ title: '该部门系统维护中，请稍后再试', icon: 'none', duration: 2500 });
    return;
  }
  if (tile.target.kind === 'PAGE' && APP_PAGES.has(tile.target.value)) {
    void Taro.switchTab({ url: tile.target.value });
    return;
  }
  void Taro.navigateTo({ url: `/pages/service/index?id=${encodeURIComponent(tile.id)}&title=${encodeURIComponent(tile.title)}` });
}
