import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { authedUpload } from '../identity/session';
import { platform } from '../../platform';
import { useT } from '../../preferences';
import { ActionButton } from '../../components/ActionButton';
import { FieldError } from '../../components/Notice';

/** How many scene photos a request carries (the BFF's rule: CAR_MOVE_PHOTOS_REQUIRED). */
export const SCENE_PHOTOS = { min: 1, max: 3 } as const;

export interface ScenePhoto {
  /** The local file, for the preview */
  path: string;
  /** The id POST /uploads gave; null while uploading */
  id: string | null;
}

export interface SceneLocation {
  latitude: number;
  longitude: number;
  /** How it was found: the phone's location, or a place picked on the map (its name) */
  source: 'located' | 'map';
  name?: string;
}

/**
 * Where the car is, required: the platform's location (the adapter asks the citizen), or a
 * place picked on the map where the platform has a picker. Loading while the phone looks,
 * an error saying what to do when it cannot.
 */
export function LocationPicker({
  value,
  onChange,
  error,
  onError,
}: {
  value: SceneLocation | null;
  onChange: (location: SceneLocation) => void;
  error?: string;
  onError: (message: string | null) => void;
}) {
  const t = useT();
  const [locating, setLocating] = useState(false);
  const pick = platform.pickLocation;

  async function locate() {
    setLocating(true);
    // GCJ-02 on every platform (the browser's WGS-84 converted).
    const here = await platform.getLocation();
    setLocating(false);
    if (here) {
      onChange({ ...here, source: 'located' });
      onError(null);
    } else {
      onError(
        pick
          ? t(
              '无法获取位置，请允许定位或在地图上选择',
              'Could not get your location. Allow location, or pick the place on the map.',
            )
          : t(
              '无法获取位置，请在浏览器中允许定位后重试',
              'Could not get your location. Allow location in the browser and try again.',
            ),
      );
    }
  }

  async function pickOnMap() {
    const picked = await pick?.();
    if (picked) {
      onChange({ latitude: picked.latitude, longitude: picked.longitude, name: picked.name, source: 'map' });
      onError(null);
    }
  }

  return (
    <View className='field'>
      <Text className='field__label'>{t('车辆所在位置（必填）', 'Where the car is (required)')}</Text>
      <Text className={`scene-location${value ? ' scene-location--set' : ''}`} aria-live='polite'>
        {locating
          ? t('正在定位…', 'Finding your location…')
          : value
            ? value.source === 'map' && value.name
              ? t(`已选择：${value.name}`, `Picked: ${value.name}`)
              : t('已定位到您当前的位置', 'Your current location is set')
            : t('尚未定位', 'Not set yet')}
      </Text>
      <View className='field__row'>
        <ActionButton
          className='secondary-button'
          label={value?.source === 'located' ? t('重新定位', 'Locate me again') : t('定位', 'Locate me')}
          onClick={() => void locate()}
          loading={locating}
        />
        {pick ? (
          <ActionButton
            className='secondary-button'
            label={t('在地图上选择', 'Pick on the map')}
            onClick={() => void pickOnMap()}
            disabled={locating}
          />
        ) : null}
      </View>
      <Text className='field__hint'>
        {t('车主只会看到所在区县，不会看到精确位置。', 'The owner is told the district, never the exact spot.')}
      </Text>
      {error ? <FieldError>{error}</FieldError> : null}
    </View>
  );
}

/**
 * 1–3 photos of the scene, each uploaded as soon as it is chosen (the BFF re-encodes it,
 * dropping its location and other metadata); each can be removed; uploading shows on the
 * photo and holds the send button.
 */
export function ScenePhotos({
  photos,
  onChange,
  error,
  onError,
}: {
  photos: ScenePhoto[];
  onChange: (update: (previous: ScenePhoto[]) => ScenePhoto[]) => void;
  error?: string;
  onError: (message: string | null) => void;
}) {
  const t = useT();
  const uploading = photos.some((p) => !p.id);

  async function add() {
    if (!(await platform.allowPersonalData('photo'))) return;
    let paths: string[];
    try {
      const chosen = await Taro.chooseImage({
        count: SCENE_PHOTOS.max - photos.length,
        sizeType: ['compressed'],
        sourceType: ['camera', 'album'],
      });
      paths = chosen.tempFilePaths.slice(0, SCENE_PHOTOS.max - photos.length);
    } catch {
      return; // the citizen closed the picker
    }
    onError(null);
    onChange((previous) => [...previous, ...paths.map((path) => ({ path, id: null }))]);
    await Promise.all(
      paths.map(async (path) => {
        const uploaded = await authedUpload(path);
        if (uploaded.data)
          onChange((previous) => previous.map((p) => (p.path === path ? { path, id: uploaded.data!.id } : p)));
        else {
          onChange((previous) => previous.filter((p) => p.path !== path));
          onError(uploaded.errors[0].message);
        }
      }),
    );
  }

  return (
    <View className='field'>
      <Text className='field__label'>
        {t(
          `现场照片（必填，${SCENE_PHOTOS.min}至${SCENE_PHOTOS.max}张）`,
          `Photos of the scene (required, ${SCENE_PHOTOS.min} to ${SCENE_PHOTOS.max})`,
        )}
      </Text>
      {photos.length > 0 ? (
        <View className='scene-photos' role='list'>
          {photos.map((photo, i) => (
            <View key={photo.path} className='scene-photos__item' role='listitem'>
              {/* The H5 <img> inside Taro's Image takes its alt from nativeProps (the aria-label stays on the wrapper; mini-programs read that). */}
              <Image
                className='scene-photos__image'
                src={photo.path}
                mode='aspectFill'
                aria-label={t(`现场照片${i + 1}`, `Photo ${i + 1} of the scene`)}
                nativeProps={{ alt: t(`现场照片${i + 1}`, `Photo ${i + 1} of the scene`) }}
              />
              {photo.id ? (
                <ActionButton
                  className='secondary-button scene-photos__remove'
                  label={t(`删除照片${i + 1}`, `Remove photo ${i + 1}`)}
                  onClick={() => onChange((previous) => previous.filter((p) => p.path !== photo.path))}
                />
              ) : (
                <Text className='scene-photos__status'>{t('正在上传…', 'Uploading…')}</Text>
              )}
            </View>
          ))}
        </View>
      ) : null}
      {photos.length < SCENE_PHOTOS.max ? (
        <ActionButton
          className='secondary-button'
          label={
            photos.length === 0
              ? t('添加照片', 'Add a photo')
              : t(
                  `再添加一张（${photos.length}/${SCENE_PHOTOS.max}）`,
                  `Add another (${photos.length}/${SCENE_PHOTOS.max})`,
                )
          }
          onClick={() => void add()}
          disabled={uploading}
        />
      ) : null}
      <Text className='field__hint'>
        {t(
          '拍下挡路的车辆和车牌；上传时会去除照片中的位置等信息。',
          'Show the car and its plate. Location and other data are removed from the photos.',
        )}
      </Text>
      {error ? <FieldError>{error}</FieldError> : null}
    </View>
  );
}
