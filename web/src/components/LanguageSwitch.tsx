import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { setLanguage, type Lang } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('lang.switch')}
      value={i18n.language === 'en' ? 'en' : 'vi'}
      onChange={(v) => void setLanguage(v as Lang)}
      data={[
        { value: 'vi', label: t('lang.viShort') },
        { value: 'en', label: t('lang.enShort') },
      ]}
      data-testid="lang-switch"
    />
  );
}
