import { useMemo } from 'react';
import { View } from '@tarojs/components';
import { useHomeScreen } from '../../features/catalogue/useHomeScreen';
import { selectTiles } from '../../features/catalogue/selectTiles';
import { openTile } from '../../features/catalogue/openTile';
import { TileGrid } from '../../features/catalogue/TileGrid';
import { Empty, ErrorState, Loading } from '../../components/StateView';

/** Every service by category. Search and service details arrive with the service-applications feature. */
export default function ServicesPage() {
  const catalogue = useHomeScreen();
  const sections = useMemo(() => (catalogue.data ? selectTiles(catalogue.data, {}) : []), [catalogue.data]);
  if (catalogue.loading && !catalogue.data) return <Loading />;
  if (!catalogue.data) return <ErrorState error={catalogue.errors[0]} onRetry={() => void catalogue.refetch()} />;
  return <View className='services'>{sections.length ? <TileGrid sections={sections} onOpen={openTile} /> : <Empty label='暂无服务' />}</View>;
}
