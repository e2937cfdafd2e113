import { Text, View } from '@tarojs/components';
import type { HomeScreenQuery } from '@citizen/shared';
import { useT } from '../../preferences';
import { localized } from '../../preferences/format';
import { openAppPage } from '../../components/navigation';
import { keyboardButton } from './keyboard';
import './home-sections.scss';

export type HomeNotice = HomeScreenQuery['homeNotices'][number];

/** Opens a notice's link: an app page in the app, a government web page in the browser (H5). */
function openLink(link: string | null | undefined): void {
  if (!link) return;
  if (link.startsWith('/')) openAppPage(link);
  else if (process.env.TARO_ENV === 'h5') window.open(link, '_blank', 'noopener');
}

/** A row that leads somewhere is a keyboard-reachable button; one without a link is plain text. */
function pressable(link: string | null | undefined) {
  return link ? keyboardButton(() => openLink(link)) : {};
}

/**
 * What the city publishes on home (console → 首页公告): the banner, large, under the
 * header, and the notices as one line each with 公告 before them. Both come with the
 * home query, already within their schedule.
 */
export function HomeNotices({ notices }: { notices: readonly HomeNotice[] }) {
  const t = useT();
  const banners = notices.filter((n) => n.kind === 'BANNER').slice(0, 1);
  const lines = notices.filter((n) => n.kind === 'NOTICE').slice(0, 3);
  if (banners.length === 0 && lines.length === 0) return null;
  return (
    <View className='home-notices'>
      {banners.map((banner) => (
        <View key={banner.id} className='home-banner' data-notice-id={banner.id} {...pressable(banner.link)}>
          <Text className='home-banner__title'>{localized(banner.title, banner.titleEn)}</Text>
          {banner.body ? <Text className='home-banner__body'>{localized(banner.body, banner.bodyEn)}</Text> : null}
          {banner.link ? (
            <Text className='home-banner__more' aria-hidden='true'>
              {t('查看详情 ›', 'Details ›')}
            </Text>
          ) : null}
        </View>
      ))}
      {lines.length ? (
        <View className='home-notice-list' role='list' aria-label={t('公告', 'Notices')}>
          {lines.map((notice) => (
            <View key={notice.id} className='home-notice' role='listitem' data-notice-id={notice.id}>
              <View className='home-notice__row' {...pressable(notice.link)}>
                <Text className='home-notice__tag'>{t('公告', 'Notice')}</Text>
                <Text className='home-notice__title'>{localized(notice.title, notice.titleEn)}</Text>
                {notice.link ? (
                  <Text className='home-notice__chevron' aria-hidden='true'>
                    ›
                  </Text>
                ) : null}
              </View>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
