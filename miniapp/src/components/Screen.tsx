import { useEffect, type ReactNode } from 'react';
import { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { usePreferences } from '../preferences';
import { applyNavigationTitle, applyTabBarTexts, onTabPage } from '../preferences/chrome';
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
  const classes = ['screen', big ? 'screen--elder' : '', big && textSize === 'larger' ? 'screen--larger' : '', className ?? ''].filter(Boolean).join(' ');

  // The platform keeps the Chinese words of the page config until told otherwise.
  const applyChrome = () => {
    if (title) applyNavigationTitle(title);
    if (onTabPage()) applyTabBarTexts();
  };
  useDidShow(applyChrome);
  useEffect(applyChrome, [locale, title?.[0], title?.[1]]);

  // `lang` is a plain attribute: ViewProps does not declare it, and mini-programs drop it harmlessly.
  const language = { lang: locale === 'en' ? 'en' : 'zh-CN', 'data-elder': big ? 'on' : 'off' };
  return (
    <View className={classes} {...language}>
      {children}
    </View>
  );
}
