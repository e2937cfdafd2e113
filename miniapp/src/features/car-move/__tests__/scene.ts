import { fireEvent, screen } from '@testing-library/react';
import { chosenImages, setUploadHandler } from '../../../../test/stand-ins/taro';
import { locations } from '../../../../test/stand-ins/platform';

/**
 * Gives the car-moving form its required scene evidence the way a citizen does: 定位 (the
 * platform answers with `at`) and one photo chosen and uploaded (the BFF answers `photoId`).
 * Component tests that send a request take it from here.
 */
export async function giveSceneEvidence({
  at = { latitude: 23.1291, longitude: 113.2644 },
  photoId = 'upload-scene-1',
} = {}): Promise<void> {
  locations.push(at);
  fireEvent.click(screen.getByRole('button', { name: '定位' }));
  await screen.findByText('已定位到您当前的位置', {}, { timeout: 5000 });
  chosenImages.push({ path: 'wxfile://tmp/scene.jpg', size: 40_000 });
  setUploadHandler(async () => ({
    statusCode: 201,
    data: JSON.stringify({ id: photoId, type: 'image/jpeg', size: 40_000 }),
  }));
  fireEvent.click(screen.getByRole('button', { name: '添加照片' }));
  // Chosen, then uploaded: a loaded machine can take more than findBy's default second.
  await screen.findByRole('button', { name: '删除照片1' }, { timeout: 5000 });
}
