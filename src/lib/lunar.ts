// The Vietnamese lunisolar calendar (âm lịch), computed astronomically for UTC+7.
//
// The method is the standard one for the Chinese-family calendars (as described by Hồ Ngọc Đức for
// Vietnam): a lunar month starts on the local day of a new moon; the month containing the winter
// solstice is month 11; a year with 13 months between two months 11 gets a leap month, which is the
// first month that contains no major solar term (the sun's longitude crosses no multiple of 30°).
// New moons and the sun's longitude use truncated series of Meeus' "Astronomical Algorithms", which
// are accurate to a few minutes for 1800–2200. Computing in UTC+7 (not China's UTC+8) is what makes
// Vietnamese dates differ from Chinese ones in some years (e.g. Tết 1985, 2007).

export const VN_TIME_ZONE = 7;

const SYNODIC_MONTH = 29.530588853;
/** Julian day of the new moon of 1900-01-01 (the epoch of the new-moon index k). */
const NEW_MOON_EPOCH = 2415021.076998695;
const RAD = Math.PI / 180;

/** Julian day number of a Gregorian date (noon-based integer day count). */
export function julianDay(y: number, m: number, d: number): number {
  const a = Math.floor((14 - m) / 12);
  const yy = y + 4800 - a;
  const mm = m + 12 * a - 3;
  return d + Math.floor((153 * mm + 2) / 5) + 365 * yy + Math.floor(yy / 4) - Math.floor(yy / 100) + Math.floor(yy / 400) - 32045;
}

/** Gregorian date of a Julian day number. */
export function fromJulianDay(jd: number): { y: number; m: number; d: number } {
  const a = jd + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((146097 * b) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    d: e - Math.floor((153 * m + 2) / 5) + 1,
    m: m + 3 - 12 * Math.floor(m / 10),
    y: 100 * b + d - 4800 + Math.floor(m / 10),
  };
}

/** Julian date (fractional, UT) of the k-th new moon after the one of 1900-01-01. */
function newMoonJd(k: number): number {
  const t = k / 1236.85; // Julian centuries since 1900
  const t2 = t * t;
  const t3 = t2 * t;
  const mean = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    + 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * RAD);
  const sunAnomaly = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * RAD;
  const moonAnomaly = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * RAD;
  const latitudeArg = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * RAD;
  // Periodic corrections: [coefficient, argument].
  const terms: [number, number][] = [
    [0.1734 - 0.000393 * t, sunAnomaly],
    [0.0021, 2 * sunAnomaly],
    [-0.4068, moonAnomaly],
    [0.0161, 2 * moonAnomaly],
    [-0.0004, 3 * moonAnomaly],
    [0.0104, 2 * latitudeArg],
    [-0.0051, sunAnomaly + moonAnomaly],
    [-0.0074, sunAnomaly - moonAnomaly],
    [0.0004, 2 * latitudeArg + sunAnomaly],
    [-0.0004, 2 * latitudeArg - sunAnomaly],
    [-0.0006, 2 * latitudeArg + moonAnomaly],
    [0.001, 2 * latitudeArg - moonAnomaly],
    [0.0005, 2 * moonAnomaly + sunAnomaly],
  ];
  const correction = terms.reduce((s, [c, arg]) => s + c * Math.sin(arg), 0);
  // ΔT (TT − UT) in days.
  const deltaT = t < -11
    ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return mean + correction - deltaT;
}

/** Local day number (Julian day) of the k-th new moon. */
function newMoonDay(k: number, tz: number): number {
  return Math.floor(newMoonJd(k) + 0.5 + tz / 24);
}

/** The sun's apparent longitude in radians [0, 2π) at a Julian date (UT). */
function sunLongitude(jd: number): number {
  const t = (jd - 2451545.0) / 36525; // Julian centuries since J2000
  const t2 = t * t;
  const m = (357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * RAD;
  const l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  const center = (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(m)
    + (0.019993 - 0.000101 * t) * Math.sin(2 * m)
    + 0.00029 * Math.sin(3 * m);
  const l = (l0 + center) * RAD;
  return l - 2 * Math.PI * Math.floor(l / (2 * Math.PI));
}

/** Which 30° sector (0–11) the sun is in at the start of a local day. Sector 9 starts at the winter solstice. */
function sunSector(dayNumber: number, tz: number): number {
  return Math.floor((sunLongitude(dayNumber - 0.5 - tz / 24) / Math.PI) * 6);
}

/** Day number of the first day of lunar month 11 of the lunar year that ends in Gregorian year y. */
function month11Start(y: number, tz: number): number {
  const k = Math.floor((julianDay(y, 12, 31) - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  const start = newMoonDay(k, tz);
  // If the sun has already passed the solstice sector at that new moon, month 11 began one month earlier.
  return sunSector(start, tz) >= 9 ? newMoonDay(k - 1, tz) : start;
}

/** In a 13-month year starting at month 11 (day a11), the index (1-based after a11) of the leap month. */
function leapMonthOffset(a11: number, tz: number): number {
  const k = Math.floor((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let sector = sunSector(newMoonDay(k + i, tz), tz);
  let previous: number;
  do {
    previous = sector;
    i++;
    sector = sunSector(newMoonDay(k + i, tz), tz);
  } while (sector !== previous && i < 14);
  return i - 1;
}

export interface LunarDate {
  day: number;
  month: number;
  /** The lunar year (the one starting at its Tết). */
  year: number;
  leap: boolean;
}

/** The lunar date of a Gregorian date. */
export function solarToLunar(y: number, m: number, d: number, tz = VN_TIME_ZONE): LunarDate {
  const dayNumber = julianDay(y, m, d);
  const k = Math.floor((dayNumber - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1, tz);
  if (monthStart > dayNumber) monthStart = newMoonDay(k, tz);
  let a11 = month11Start(y, tz);
  let b11 = a11;
  let year: number;
  if (a11 >= monthStart) {
    year = y;
    a11 = month11Start(y - 1, tz);
  } else {
    year = y + 1;
    b11 = month11Start(y + 1, tz);
  }
  const diff = Math.floor((monthStart - a11) / 29);
  let month = diff + 11;
  let leap = false;
  if (b11 - a11 > 365) {
    const leapOffset = leapMonthOffset(a11, tz);
    if (diff >= leapOffset) {
      month = diff + 10;
      leap = diff === leapOffset;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) year -= 1;
  return { day: dayNumber - monthStart + 1, month, year, leap };
}

/** The Gregorian date ('YYYY-MM-DD') of a lunar date; null for a leap month that does not exist. */
export function lunarToSolar(lunar: LunarDate, tz = VN_TIME_ZONE): string | null {
  const { day, month, year, leap } = lunar;
  const [a11, b11] = month < 11
    ? [month11Start(year - 1, tz), month11Start(year, tz)]
    : [month11Start(year, tz), month11Start(year + 1, tz)];
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let offset = (month - 11 + 12) % 12;
  if (b11 - a11 > 365) {
    const leapOffset = leapMonthOffset(a11, tz);
    const leapMonth = (leapOffset - 2 + 12) % 12;
    if (leap && month !== leapMonth) return null;
    if (leap || offset >= leapOffset) offset += 1;
  } else if (leap) {
    return null;
  }
  const { y, m, d } = fromJulianDay(newMoonDay(k + offset, tz) + day - 1);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Tết Nguyên Đán (lunar 1/1) of a Gregorian year, 'YYYY-MM-DD'. */
export function tet(year: number): string {
  return lunarToSolar({ day: 1, month: 1, year, leap: false })!;
}
