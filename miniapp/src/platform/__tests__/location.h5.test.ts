import { adapter } from '../adapter.h5';

/**
 * The browser's location: the Geolocation API answers WGS-84, which is a few hundred
 * metres off on mainland China's GCJ-02 maps and registers, so the H5 adapter converts it;
 * refused, it answers null and the page asks for the place to be typed.
 */
const original = Object.getOwnPropertyDescriptor(navigator, 'geolocation');
afterEach(() => {
  if (original) Object.defineProperty(navigator, 'geolocation', original);
  else delete (navigator as { geolocation?: unknown }).geolocation;
});

function browserAnswers(answer: { coords: { latitude: number; longitude: number } } | { code: number }) {
  const asked: unknown[] = [];
  Object.defineProperty(navigator, 'geolocation', {
    configurable: true,
    value: {
      getCurrentPosition: (ok: (p: unknown) => void, fail: (e: unknown) => void, options: unknown) => {
        asked.push(options);
        setTimeout(
          () =>
            'coords' in answer
              ? ok({ coords: { accuracy: 20, ...answer.coords }, timestamp: Date.now() })
              : fail(answer),
          0,
        );
      },
    },
  });
  return asked;
}

describe('H5 location (adapter.h5 getLocation)', () => {
  it('converts the browser’s WGS-84 position to GCJ-02', async () => {
    // Tiananmen Square as GPS (WGS-84) gives it.
    const asked = browserAnswers({ coords: { latitude: 39.90734, longitude: 116.39125 } });
    const here = await adapter.getLocation();
    expect(asked).toHaveLength(1);
    // GCJ-02 shifts Beijing by about +0.0013° latitude and +0.0062° longitude (some 500 m).
    expect(here!.latitude - 39.90734).toBeCloseTo(0.0013, 3);
    expect(here!.longitude - 116.39125).toBeCloseTo(0.0062, 3);
  });

  it('leaves a position outside China as it is', async () => {
    browserAnswers({ coords: { latitude: 51.5007, longitude: -0.1246 } });
    expect(await adapter.getLocation()).toEqual({ latitude: 51.5007, longitude: -0.1246 });
  });

  it('answers null when the person refuses, or the browser has no geolocation', async () => {
    browserAnswers({ code: 1 }); // PERMISSION_DENIED
    expect(await adapter.getLocation()).toBeNull();
    Object.defineProperty(navigator, 'geolocation', { configurable: true, value: undefined });
    expect(await adapter.getLocation()).toBeNull();
  });
});
