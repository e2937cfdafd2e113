import { useEffect, type ReactNode } from 'react';
import { useDidShow } from '@tarojs/taro';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { usePreferences } from '../preferences';
import { applyNavigationTitle, applyTabBarTexts, onTabPage } from '../preferences/chrome';
import { Icon } from './Icon';
import { goBack } from './navigation';
import { pressable } from './pressable';
import { ActingBanner } from '../features/family/ActingBanner';
import './design.scss';
// elder.scss is loaded once, globally, by app.ts: imported here it was copied into every page's chunk on H5.

export interface ScreenProps {
  /** The navigation bar title, Chinese and English; set each time the page shows and when the language changes. */
  title?: readonly [string, string];
  /** The page's own root classes (e.g. 'form apply'), kept on the same element. */
  className?: string;
  /**
   * False for screens that keep their own sizes whatever the citizen chose: the operator
   * console is a desktop tool for staff, laid out in fixed PX.
   */
  elderAllowed?: boolean;
  children?: ReactNode;
}

/**
 * The root of every page: it carries the citizen's display preferences down to the
 * page. `screen--elder` (and `screen--larger` for the larger text size) switch on the
 * elder-mode overrides in elder.scss, which scale text, spacing and touch targets for
 * the classes the pages use; `lang` tells screen readers which language the page is in.
 * Pages render it in every branch (loading, error, content), so the page is always
 * wrapped the same way.
 */
export function Screen({ title, className, elderAllowed = true, children }: ScreenProps) {
  const { locale, elder, textSize } = usePreferences();
  const big = elder && elderAllowed;
  const classes = [
    'screen',
    big ? 'screen--elder' : '',
    big && textSize === 'larger' ? 'screen--larger' : '',
    className ?? '',
  ]
    .filter(Boolean)
    .join(' ');

  // The platform keeps the Chinese words of the page config until told otherwise.
  const applyChrome = () => {
    if (title) applyNavigationTitle(title);
    if (onTabPage()) applyTabBarTexts();
  };
  useDidShow(applyChrome);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- title is a new [zh, en] array every render: its two strings are what changes
  useEffect(applyChrome, [locale, title?.[0], title?.[1]]);

  // `lang` is a plain attribute: ViewProps does not declare it, and mini-programs drop it harmlessly.
  const language = { lang: locale === 'en' ? 'en' : 'zh-CN', 'data-elder': big ? 'on' : 'off' };
  // While acting for a family member (issue 17), every citizen screen says for whom, with the way back; never the console.
  const operator = onOperatorPage();
  const page = (
    <View className={classes} {...language}>
      {operator ? null : <ActingBanner />}
      {children}
    </View>
  );
  if (process.env.TARO_ENV !== 'h5' || !title || operator) return page;
  // The bar sits outside the page's own padding, full width at the top.
  return (
    <View className='screen-frame'>
      <TitleBar
        title={locale === 'en' ? title[1] : title[0]}
        back={!onTabPage()}
        backLabel={locale === 'en' ? 'Back' : '返回'}
        elder={big}
      />
      {page}
    </View>
  );
}

/** The console has its own navigation, laid out for a desktop. */
function onOperatorPage(): boolean {
  return (Taro.getCurrentInstance?.()?.router?.path ?? '').replace(/^\//, '').startsWith('operator/');
}

// TextProps declares neither; H5 passes them through.
const HEADING = { role: 'heading', 'aria-level': 1 };

/**
 * H5 only: mini-programs draw a navigation bar with back, a browser tab does not. Taro's
 * own H5 bar (window.navigationStyle 'default') draws back and home as bare <div>s with
 * click listeners only: no name, no tab stop, no Enter, and a title cut at 100 px. This
 * one is a heading with a real control, in the citizen's language and text size. Back
 * goes to the previous page, or home when the page was opened first (a link in an SMS).
 */
function TitleBar({
  title,
  back,
  backLabel,
  elder,
}: {
  title: string;
  back: boolean;
  backLabel: string;
  elder: boolean;
}) {
  return (
    <View className={`title-bar${elder ? ' title-bar--elder' : ''}`}>
      {back ? (
        <View className='title-bar__back' {...pressable(() => goBack())}>
          <Icon name='back' color='#ffffff' size={40} />
          <Text>{backLabel}</Text>
        </View>
      ) : null}
      <Text className='title-bar__title' {...HEADING}>
        {title}
      </Text>
    </View>
  );
}
