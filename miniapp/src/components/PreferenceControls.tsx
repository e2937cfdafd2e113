import { Text, View } from '@tarojs/components';
import { setPreferences, usePreferences, useT, type Locale, type TextSize } from '../preferences';
import './preferences.scss';

/**
 * The switches for the citizen's display preferences. Each says its state in words
 * and draws it as a shape (the knob's side, ● and ○): colour is never the only cue.
 * A change applies at once to every mounted page and is kept on the device.
 */

/** 长辈模式: the prominent switch at the top of the home screen, and the first row of the settings on 我的. */
export function ElderSwitch({ className = '' }: { className?: string }) {
  const { elder } = usePreferences();
  const t = useT();
  return (
    <View
      className={`elder-switch${elder ? ' elder-switch--on' : ''} ${className}`.trim()}
      role='switch'
      aria-checked={elder}
      aria-label={t('长辈模式', 'Elder mode')}
      onClick={() => setPreferences({ elder: !elder })}
    >
      <Text className='elder-switch__label'>{t('长辈模式', 'Elder mode')}</Text>
      <Text className='elder-switch__state'>{elder ? t('已开启', 'On') : t('未开启', 'Off')}</Text>
      <View className='elder-switch__track'>
        <View className='elder-switch__knob' />
      </View>
    </View>
  );
}

/** One choice of a few, as large radio buttons. */
function Choices<T extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: Array<[T, string]>;
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <View className='settings__choices' role='radiogroup' aria-label={label}>
      {options.map(([option, words]) => (
        <View
          key={option}
          className={`settings__choice${value === option ? ' settings__choice--on' : ''}`}
          role='radio'
          aria-checked={value === option}
          aria-label={words}
          data-value={option}
          onClick={() => onChange(option)}
        >
          <Text>
            {value === option ? '● ' : '○ '}
            {words}
          </Text>
        </View>
      ))}
    </View>
  );
}

/**
 * The settings section of 我的: elder mode, the text size in elder mode (MIIT asks for
 * adjustable text), and the language. The language row is labelled in both languages,
 * and each language is named in itself, so it can be found by someone who cannot read
 * the one on screen.
 */
export function SettingsPanel() {
  const { elder, locale, textSize } = usePreferences();
  const t = useT();
  return (
    <View className='settings' role='group' aria-label={t('显示设置', 'Display settings')}>
      <Text className='settings__title'>{t('显示设置', 'Display settings')}</Text>
      <ElderSwitch className='settings__elder' />
      <Text className='settings__note'>
        {t(
          '开启后文字更大、按钮更大，首页只显示常用服务，不再弹出对话框。',
          'Larger text and buttons, the most used services first on Home, and no pop-ups.',
        )}
      </Text>
      {elder ? (
        <View className='settings__row settings__text-size'>
          <Text className='settings__label'>{t('文字大小', 'Text size')}</Text>
          <Choices<TextSize>
            label={t('文字大小', 'Text size')}
            options={[
              ['large', t('大', 'Large')],
              ['larger', t('特大', 'Extra large')],
            ]}
            value={textSize}
            onChange={(next) => setPreferences({ textSize: next })}
          />
        </View>
      ) : null}
      <View className='settings__row settings__language'>
        <Text className='settings__label'>语言 Language</Text>
        <Choices<Locale>
          label='语言 Language'
          options={[
            ['zh', '中文'],
            ['en', 'English'],
          ]}
          value={locale}
          onChange={(next) => setPreferences({ locale: next })}
        />
      </View>
    </View>
  );
}
