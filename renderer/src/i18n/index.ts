/**
 * i18next, Spanish first. Each feature registers its own texts from a `textos.ts` in its folder
 * (`registrarTextos('bandeja', { es, en })`), so no shared JSON file is edited by everyone.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

export const IDIOMAS = ['es', 'en'] as const;
export type Idioma = (typeof IDIOMAS)[number];

type Arbol = { [clave: string]: string | Arbol };

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  lng: 'es',
  fallbackLng: 'es',
  // Texts are registered at module load, before the first render: no async backend, no suspense.
  initAsync: false,
  resources: {},
  interpolation: { escapeValue: false }, // React escapes already
  react: { useSuspense: false },
});

export function registrarTextos(espacio: string, textos: { es: Arbol; en: Arbol }): void {
  for (const idioma of IDIOMAS) i18n.addResourceBundle(idioma, espacio, textos[idioma], true, true);
}

/** Switches the whole UI at runtime; `lang` on <html> follows so screen readers pronounce it right. */
export async function cambiarIdioma(idioma: Idioma): Promise<void> {
  await i18n.changeLanguage(idioma);
  document.documentElement.lang = idioma;
}

export const idiomaActual = (): Idioma => (i18n.language === 'en' ? 'en' : 'es');
