import { HomeScreenDocument, type HomeScreenQuery } from '@citizen/shared';
import { useQuery } from '../../api/useQuery';
import { platform } from '../../platform';
import { takeHomePreload } from './preload';

/** The citizen's region until they choose one: the build's default city (TARO_APP_REGION). */
export const DEFAULT_REGION = process.env.TARO_APP_REGION || undefined;

/** Categories and tiles for this platform and region, from the BFF. */
export function useHomeScreen(region: string | undefined = DEFAULT_REGION) {
  return useQuery(
    HomeScreenDocument,
    { platform: platform.name, region: region ?? null },
    { initial: (key) => takeHomePreload<HomeScreenQuery>(key) },
  );
}
