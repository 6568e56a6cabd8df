// PNG export. Charts and maps: echarts' own getDataURL. Tables and KPI tiles (HTML, not canvas): drawn
// here on a canvas from the same numbers (title, then a simple grid), so no HTML-to-image library is needed.

export interface TablePicture {
  title: string;
  subtitle?: string;
  headers: string[];
  rows: string[][];
  /** Columns aligned right (numbers). */
  numeric?: boolean[];
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", Arial, sans-serif';

/** Renders a titled table to a PNG data URL (2× for sharpness). */
export function tableToPng(pic: TablePicture): string {
  const scale = 2;
  const pad = 12;
  const rowH = 26;
  const probe = document.createElement('canvas').getContext('2d')!;
  const cols = Math.max(pic.headers.length, ...pic.rows.map((r) => r.length));
  const widths = Array.from({ length: cols }, (_, c) => {
    probe.font = `600 13px ${FONT}`;
    let w = probe.measureText(pic.headers[c] ?? '').width;
    probe.font = `13px ${FONT}`;
    for (const r of pic.rows) w = Math.max(w, probe.measureText(r[c] ?? '').width);
    return Math.ceil(w) + 2 * pad;
  });
  probe.font = `600 16px ${FONT}`;
  let titleW = probe.measureText(pic.title).width + 2 * pad;
  probe.font = `12px ${FONT}`;
  if (pic.subtitle) titleW = Math.max(titleW, probe.measureText(pic.subtitle).width + 2 * pad);
  const width = Math.max(320, Math.ceil(Math.max(titleW, widths.reduce((a, b) => a + b, 0) + 2 * pad)));
  const top = pic.subtitle ? 58 : 40;
  const height = top + rowH * (pic.rows.length + (pic.headers.length ? 1 : 0)) + pad;

  const canvas = document.createElement('canvas');
  canvas.width = width * scale;
  canvas.height = height * scale;
  const g = canvas.getContext('2d')!;
  g.scale(scale, scale);
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, width, height);
  g.fillStyle = '#111827';
  g.font = `600 16px ${FONT}`;
  g.textBaseline = 'middle';
  g.fillText(pic.title, pad, 20);
  if (pic.subtitle) {
    g.font = `12px ${FONT}`;
    g.fillStyle = '#6b7280';
    g.fillText(pic.subtitle, pad, 40);
  }
  let y = top;
  const drawRow = (cells: string[], header: boolean, shade: boolean) => {
    if (shade) {
      g.fillStyle = header ? '#f3f4f6' : '#fafafa';
      g.fillRect(pad, y, width - 2 * pad, rowH);
    }
    g.font = `${header ? '600 ' : ''}13px ${FONT}`;
    g.fillStyle = '#111827';
    let x = pad;
    for (let c = 0; c < cols; c++) {
      const text = cells[c] ?? '';
      const w = widths[c]!;
      if (pic.numeric?.[c] && !header) {
        g.textAlign = 'right';
        g.fillText(text, x + w - pad, y + rowH / 2);
      } else {
        g.textAlign = 'left';
        g.fillText(text, x + pad, y + rowH / 2);
      }
      x += w;
    }
    g.textAlign = 'left';
    g.strokeStyle = '#e5e7eb';
    g.beginPath();
    g.moveTo(pad, y + rowH);
    g.lineTo(width - pad, y + rowH);
    g.stroke();
    y += rowH;
  };
  if (pic.headers.length) drawRow(pic.headers, true, true);
  pic.rows.forEach((r, i) => drawRow(r, false, i % 2 === 1));
  return canvas.toDataURL('image/png');
}

/** A file-name-safe slug of a title. */
export function slug(s: string): string {
  return (
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase()
      .slice(0, 60) || 'item'
  );
}
