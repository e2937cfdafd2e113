import Taro from '@tarojs/taro';

/**
 * A place picked on the platform's own map through Taro.chooseLocation (wx/my/swan
 * .chooseLocation, GCJ-02), with its name. @returns null when cancelled or refused.
 */
export async function chooseLocationOnMap(): Promise<{ latitude: number; longitude: number; name: string } | null> {
  try {
    const { latitude, longitude, name, address } = await Taro.chooseLocation({});
    return Number.isFinite(latitude) && Number.isFinite(longitude)
      ? { latitude, longitude, name: name || address || '' }
      : null;
  } catch {
    return null;
  }
}
