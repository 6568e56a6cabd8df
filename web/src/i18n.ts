import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import vi from './locales/vi.json';

export type Lang = 'vi' | 'en';

// Feature areas keep their strings in locales/<area>.vi.json and <area>.en.json (top-level key = area).
type Tree = Record<string, unknown>;
const areaFiles = import.meta.glob<Tree>('./locales/*.*.json', { eager: true, import: 'default' });
function withAreas(base: Tree, lang: Lang): Tree {
  const out: Tree = { ...base };
  for (const [file, content] of Object.entries(areaFiles)) if (file.endsWith(`.${lang}.json`)) Object.assign(out, content);
  return out;
}
const STORAGE_KEY = 'soyte.lang';

function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: withAreas(vi, 'vi') }, en: { translation: withAreas(en, 'en') } },
  lng: storedLang(),
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18n.language;

export function setLanguage(lang: Lang) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* storage unavailable: keep it for this session only */
  }
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

export function currentLang(): Lang {
  return i18n.language === 'en' ? 'en' : 'vi';
}

export default i18n;
