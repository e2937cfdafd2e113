/** Elder mode at first start follows the platform's large-text setting; the citizen's own choice wins after. */
describe('elder mode from the platform’s text size', () => {
  /** The preferences as a fresh app start reads them, on a platform whose text setting is `large`, with what the device stored. */
  const startWith = (large: 'large' | 'larger' | null, stored?: object) => {
    let loaded: typeof import('../index') | undefined;
    jest.isolateModules(() => {
      /* eslint-disable @typescript-eslint/no-require-imports -- the fresh registry's copies, which import cannot give */
      require('../../../test/stand-ins/platform').adapter.largeText = () => large;
      if (stored) require('@tarojs/taro').default.setStorageSync('citizen.preferences', stored);
      loaded = require('../index');
      /* eslint-enable @typescript-eslint/no-require-imports */
    });
    return loaded!.preferences();
  };

  it('starts in elder mode at the size the citizen chose in WeChat', () => {
    expect(startWith('larger')).toMatchObject({ elder: true, textSize: 'larger' });
    expect(startWith('large')).toMatchObject({ elder: true, textSize: 'large' });
  });

  it('starts as standard when the platform text is standard or unknown', () => {
    expect(startWith(null)).toMatchObject({ elder: false });
  });

  it('keeps what the citizen chose in the app', () => {
    expect(startWith('larger', { locale: 'zh', elder: false, textSize: 'large' })).toMatchObject({ elder: false });
  });
});
