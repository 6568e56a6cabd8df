// Periods typed in filters, in people's words or as ids (pure: no browser, no i18n).
import { parseRange } from '../../../../src/lib/periods.js';

/**
 * A period typed the way people write it — "5/2024", "tháng 5/2024", "quý 2/2024", "6 tháng 2024",
 * "9 tháng 2024", "2024" — or as an id (202405, 2024Q2, 2024S1, 2024N9): its id, or null.
 */
export function readPeriodText(text: string): string | null {
  const s = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!s) return null;
  let m = /^(?:tháng |thang |t)?(\d{1,2}) ?[/.-] ?(\d{4})$/.exec(s);
  let id: string | null = null;
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) id = `${m[2]}${m[1]!.padStart(2, '0')}`;
  else if ((m = /^(?:quý|quy|q) ?([1-4]) ?[/.-]? ?(\d{4})$/.exec(s))) id = `${m[2]}Q${m[1]}`;
  else if ((m = /^([69]) tháng (?:đầu năm )?(?:năm )?(\d{4})$/.exec(s)) || (m = /^([69]) thang (?:dau nam )?(?:nam )?(\d{4})$/.exec(s))) id = `${m[2]}${m[1] === '6' ? 'S1' : 'N9'}`;
  else if ((m = /^(?:năm |nam )?(\d{4})$/.exec(s))) id = m[1]!;
  else id = s.toUpperCase();
  return parseRange(id) ? id : null;
}
