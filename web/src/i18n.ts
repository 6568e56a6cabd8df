import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import vi from './locales/vi.json';

export type Lang = 'vi' | 'en';

// The shell's strings (vi.json, en.json) are in the main bundle. Feature areas keep theirs in
// locales/<area>.vi.json and <area>.en.json (top-level key = area), each its own small chunk: a page
// loads the files its module descriptor names (web/src/modules.ts) together with its code, so the
// data-entry page does not download the report templates' texts.
type Tree = Record<string, unknown>;
/** Locale files by path, as `import.meta.glob('../../locales/{entry,approvals}.*.json', { import: 'default' })` gives them. */
export type LocaleFiles = Record<string, () => Promise<unknown>>;
const STORAGE_KEY = 'soyte.lang';

function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: storedLang(),
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
  // In development, say which text is missing: usually an area the page's descriptor does not list.
  saveMissing: import.meta.env.DEV,
  missingKeyHandler: (_langs, _ns, key) => console.warn(`Missing text "${key}": is its locale file listed in the page's descriptor (web/src/pages/<area>/index.ts)?`),
});
document.documentElement.lang = i18n.language;

/** Files some page asked for (by name, e.g. "entry.vi.json"): a language switch loads them in the new language first. */
const wanted = new Map<string, () => Promise<unknown>>();
const loading = new Map<string, Promise<void>>();

const nameOf = (file: string) => file.slice(file.lastIndexOf('/') + 1);
const LANG_OF_FILE = /\.(vi|en)\.json$/;

function loadFile(name: string, load: () => Promise<unknown>, lang: Lang): Promise<void> {
  let done = loading.get(name);
  if (!done) {
    done = load().then((tree) => {
      i18n.addResourceBundle(lang, 'translation', tree as Tree, true, true);
    });
    // A failed download (offline, a new release) is tried again next time.
    done.catch(() => loading.delete(name));
    loading.set(name, done);
  }
  return done;
}

/** Loads the files' strings in `lang` and in Vietnamese, the fallback for a missing English text. */
export function loadLocales(files: LocaleFiles, lang: Lang = currentLang()): Promise<void> {
  const jobs: Promise<void>[] = [];
  for (const [file, load] of Object.entries(files)) {
    const name = nameOf(file);
    const fileLang = LANG_OF_FILE.exec(name)?.[1] as Lang | undefined;
    if (!fileLang) throw new Error(`Locale file ${file} is not named <area>.<vi|en>.json`);
    wanted.set(name, load);
    if (fileLang === lang || fileLang === 'vi') jobs.push(loadFile(name, load, fileLang));
  }
  return Promise.all(jobs).then(() => undefined);
}

/** Adds (or replaces) strings under `key`, e.g. the modules' menu labels, in each language. */
export function addStrings(key: string, byLang: Record<Lang, Tree>) {
  for (const lang of ['vi', 'en'] as const) i18n.addResourceBundle(lang, 'translation', { [key]: byLang[lang] }, true, true);
}

export async function setLanguage(lang: Lang) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* storage unavailable: keep it for this session only */
  }
  // Switch once the open pages' strings are there (offline, without them: switch anyway).
  await loadLocales(Object.fromEntries(wanted), lang).catch(() => {});
  document.documentElement.lang = lang;
  await i18n.changeLanguage(lang);
}

export function currentLang(): Lang {
  return i18n.language === 'en' ? 'en' : 'vi';
}

export default i18n;
