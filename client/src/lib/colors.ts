// The one place where DSFR colour tokens become hex values. WebGL (sigma) and the cytoscape
// canvas cannot read CSS custom properties, so every colour they draw comes from here.
// Each entry names its DSFR token; the hex is the token's light-theme value in @gouvfr/dsfr
// 1.14 (core.css), used as is in Node (tests) and as a fallback when the browser cannot
// resolve the token (e.g. the stylesheet is not loaded yet).
import type { Severity } from '../../../model/rules/types.ts';
import type { AvisState } from '../../../model/avis.ts';
import type { LinkKind, MechanismKind } from '../../../model/vocabulary.ts';

export interface Token {
  token: string;
  hex: string;
}
const t = (token: string, hex: string): Token => ({ token, hex });

export const KIND_TOKENS: Record<MechanismKind, Token> = {
  PTSM: t('--blue-france-sun-113-625', '#000091'),
  CLSM: t('--purple-glycine-main-494', '#a558a0'),
  CLS: t('--green-archipel-main-557', '#009099'),
  CPTS: t('--orange-terre-battue-main-645', '#e4794a'),
  DAC: t('--yellow-moutarde-main-679', '#c3992a'),
  ASV: t('--blue-cumulus-main-526', '#417dc4'),
};

export const LINK_TOKENS: Record<LinkKind, Token> = {
  avis: t('--green-menthe-main-548', '#009081'),
  contribution: t('--blue-cumulus-sun-368-moon-732', '#3558a2'),
  declinaison: t('--purple-glycine-sun-319-moon-630', '#6e445a'),
  'volet-sante-mentale': t('--pink-tuile-main-556', '#ce614a'),
  'prise-en-compte': t('--brown-caramel-sun-425-moon-901', '#845d48'),
  articulation: t('--grey-425-625', '#666666'),
};

export const SEVERITY_TOKENS: Record<Severity, Token> = {
  error: t('--error-425-625', '#ce0500'),
  warning: t('--warning-425-625', '#b34000'),
  info: t('--info-425-625', '#0063cb'),
};

/** Avis edges of the département diagram: green received, red missing, orange late. */
export const AVIS_STATE_TOKENS: Record<AvisState, Token> = {
  received: t('--success-425-625', '#18753c'),
  missing: t('--error-425-625', '#ce0500'),
  late: t('--orange-terre-battue-main-645', '#e4794a'),
  awaited: t('--grey-625-425', '#929292'),
  'not-required': t('--grey-925-125', '#e5e5e5'),
};

export const MISC_TOKENS = {
  ghost: t('--red-marianne-main-472', '#e1000f'),
  overlap: t('--yellow-tournesol-main-731', '#c8aa39'),
  coordination: t('--grey-625-425', '#929292'),
  person: t('--grey-625-425', '#929292'),
  inactive: t('--grey-925-125', '#e5e5e5'),
  dimmed: t('--grey-950-100', '#eeeeee'),
  text: t('--grey-200-850', '#3a3a3a'),
  textStrong: t('--grey-50-1000', '#161616'),
  mention: t('--grey-425-625', '#666666'),
  background: t('--grey-1000-50', '#ffffff'),
  backgroundAlt: t('--grey-975-75', '#f6f6f6'),
  border: t('--grey-900-175', '#dddddd'),
  focus: t('--blue-france-sun-113-625', '#000091'),
  compoundDepartement: t('--blue-france-975-sun-113', '#f5f5fe'),
  compoundEpci: t('--grey-975-75', '#f6f6f6'),
  compoundCommune: t('--grey-1000-50', '#ffffff'),
} as const;

/**
 * The Carte view (lib/map.ts): covered communes in the DSFR's blue, zones blanches in orange (a pair
 * that colour-blind readers tell apart), counts on the blue scale, borders and outlines.
 */
export const MAP_TOKENS = {
  covered: t('--blue-france-sun-113-625', '#000091'),
  uncovered: t('--orange-terre-battue-main-645', '#e4794a'),
  count0: t('--grey-975-75', '#f6f6f6'),
  count1: t('--blue-france-925-125', '#e3e3fd'),
  count2: t('--blue-france-850-200', '#cacafb'),
  count3: t('--blue-france-main-525', '#6a6af4'),
  count5: t('--blue-france-sun-113-625', '#000091'),
  noData: t('--grey-950-100', '#eeeeee'),
  border: t('--grey-1000-50', '#ffffff'),
  departement: t('--grey-425-625', '#666666'),
  outline: t('--grey-50-1000', '#161616'),
  highlight: t('--yellow-tournesol-main-731', '#c8aa39'),
} as const;

export interface Palette {
  kind: Record<MechanismKind, string>;
  link: Record<LinkKind, string>;
  severity: Record<Severity, string>;
  avis: Record<AvisState, string>;
  misc: Record<keyof typeof MISC_TOKENS, string>;
  map: Record<keyof typeof MAP_TOKENS, string>;
}

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

function mapTokens<K extends string>(tokens: Record<K, Token>, read: (token: string) => string | undefined): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const key of Object.keys(tokens) as K[]) {
    const value = read(tokens[key].token)?.trim();
    out[key] = value && HEX.test(value) ? normaliseHex(value) : tokens[key].hex;
  }
  return out;
}

/** #abc → #aabbcc, lower case. */
export function normaliseHex(hex: string): string {
  const h = hex.toLowerCase();
  return h.length === 4 ? `#${h[1]}${h[1]}${h[2]}${h[2]}${h[3]}${h[3]}` : h;
}

/** The palette, reading each token through `read` (the browser's computed style), else the fallbacks. */
export function resolvePalette(read: (token: string) => string | undefined = () => undefined): Palette {
  return {
    kind: mapTokens(KIND_TOKENS, read),
    link: mapTokens(LINK_TOKENS, read),
    severity: mapTokens(SEVERITY_TOKENS, read),
    avis: mapTokens(AVIS_STATE_TOKENS, read),
    misc: mapTokens(MISC_TOKENS, read),
    map: mapTokens(MAP_TOKENS, read),
  };
}

/** The palette with the DSFR stylesheet's values (call after the CSS is loaded). */
export function browserPalette(): Palette {
  if (typeof document === 'undefined') return resolvePalette();
  const style = getComputedStyle(document.documentElement);
  return resolvePalette((token) => style.getPropertyValue(token));
}

/** A hex colour with an alpha channel, for WebGL (#rrggbb → rgba()). */
export function withAlpha(hex: string, alpha: number): string {
  const h = normaliseHex(hex);
  const r = parseInt(h.slice(1, 3), 16);
  const g = parseInt(h.slice(3, 5), 16);
  const b = parseInt(h.slice(5, 7), 16);
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** Mix a colour towards white (0 = unchanged, 1 = white): dimmed nodes stay opaque for WebGL picking. */
export function lighten(hex: string, amount: number): string {
  const h = normaliseHex(hex);
  const mix = (i: number) => {
    const c = parseInt(h.slice(i, i + 2), 16);
    return Math.round(c + (255 - c) * amount)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${mix(1)}${mix(3)}${mix(5)}`;
}

/** WCAG relative luminance contrast ratio between two hex colours. */
export function contrastRatio(a: string, b: string): number {
  const lum = (hex: string) => {
    const h = normaliseHex(hex);
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(h.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}
