// Vietnamese text helpers.

/**
 * A search key that ignores case, tone marks and where they are placed: "Thanh Hóa", "Thanh Hoá",
 * "THANH HOA" and "thanh hoa" all give "thanh hoa". đ/Đ become d. Spaces are collapsed.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Escapes LIKE wildcards so user text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
