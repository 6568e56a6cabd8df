// File names in HTTP answers.

/**
 * A Content-Disposition value: an ASCII fallback name (tone marks dropped, đ → d, anything else
 * unsafe → _) and the exact UTF-8 name (RFC 6266), so "Biên bản kiểm kê.docx" keeps its accents in
 * every browser that reads filename*.
 */
export function contentDisposition(fileName: string, kind: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\w.-]+/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
