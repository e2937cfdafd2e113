import { Text, View } from '@tarojs/components';
import { POLICY_VERSIONS } from '@citizen/shared';
import { useT } from '../../preferences';
import { formatDay } from '../../preferences/format';
import { Card } from '../../components/Card';
import { PRIVACY_DATA, PRIVACY_INTRO, PRIVACY_SECTIONS, TERMS_SECTIONS, type PolicySection, type Words } from './texts';
import './policies.scss';

function Sections({ sections }: { sections: readonly PolicySection[] }) {
  const t = useT();
  const w = (words: Words) => t(words[0], words[1]);
  return (
    <View>
      {sections.map((section) => (
        <Card key={section.heading[0]} title={w(section.heading)}>
          {section.paragraphs.map((p) => (
            <Text key={p[0]} className='policy__paragraph'>
              {w(p)}
            </Text>
          ))}
        </Card>
      ))}
    </View>
  );
}

/** The privacy policy: what is collected, why, how long, then protection and rights. */
export function PrivacyPolicy() {
  const t = useT();
  const w = (words: Words) => t(words[0], words[1]);
  return (
    <View className='policy'>
      <Text className='policy__version'>
        {t(`版本 ${formatDay(POLICY_VERSIONS.PRIVACY)}`, `Version of ${formatDay(POLICY_VERSIONS.PRIVACY)}`)}
      </Text>
      <Text className='policy__paragraph'>{w(PRIVACY_INTRO)}</Text>
      <Card title={t('收集的信息、目的和保存期限', 'What we collect, why, and for how long')}>
        {PRIVACY_DATA.map((item) => (
          <View key={item.what[0]} className='policy__item'>
            <Text className='policy__what'>{w(item.what)}</Text>
            <Text className='policy__line'>
              {t('用途：', 'Purpose: ')}
              {w(item.why)}
            </Text>
            <Text className='policy__line'>
              {t('保存：', 'Kept: ')}
              {w(item.kept)}
            </Text>
          </View>
        ))}
      </Card>
      <Sections sections={PRIVACY_SECTIONS} />
    </View>
  );
}

/** The user agreement. */
export function UserAgreement() {
  const t = useT();
  return (
    <View className='policy'>
      <Text className='policy__version'>
        {t(`版本 ${formatDay(POLICY_VERSIONS.TERMS)}`, `Version of ${formatDay(POLICY_VERSIONS.TERMS)}`)}
      </Text>
      <Sections sections={TERMS_SECTIONS} />
    </View>
  );
}
