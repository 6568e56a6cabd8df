// QR labels over HTTP against the real database: the print page's QR codes, read back from the page
// itself (its SVG drawn into pixels and decoded by a QR reader, jsQR), hold the absolute label address
// that opens the asset; the tag, name and unit are printed beside it; and nobody labels another
// centre's assets.
import jsqrModule from 'jsqr';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, TEST_DEMO_PASSWORD, type TestApp } from '../../test/harness.js';

// jsqr is a CommonJS module whose function is module.exports (and .default in its typings).
type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsqr = jsqrModule as unknown as Decode | { default: Decode };
const jsQR: Decode = typeof jsqr === 'function' ? jsqr : jsqr.default;

let t: TestApp;
const H: Record<string, Record<string, string>> = {};
const as = async (u: string) => (H[u] ??= await t.login(u));
async function call(user: string, method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) {
  return t.app.inject({ method, url, headers: { ...(await as(user)), 'accept-language': 'vi', ...headers }, payload: payload as never });
}

/**
 * Draws the SVG `qrcode` writes (one path of "M x y", "h n" and "m dx dy" commands, a stroke of one
 * module along y + 0.5) into RGBA pixels, `scale` pixels a module, for a QR reader.
 */
function rasterize(svg: string, scale = 6): { data: Uint8ClampedArray; width: number; height: number } {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)![1]);
  const d = /<path stroke="#000000" d="([^"]+)"/.exec(svg)![1]!;
  const dark = new Set<string>();
  let x = 0;
  let y = 0;
  for (const [, cmd, args] of d.matchAll(/([MmHh])([^MmHh]*)/g)) {
    const n = args!.trim().split(/[\s,]+/).filter(Boolean).map(Number);
    if (cmd === 'M') [x, y] = [n[0]!, n[1]!];
    else if (cmd === 'm') [x, y] = [x + n[0]!, y + n[1]!];
    else if (cmd === 'h') {
      for (let i = 0; i < n[0]!; i++) dark.add(`${x + i},${Math.floor(y)}`);
      x += n[0]!;
    }
  }
  const width = size * scale;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  for (let py = 0; py < width; py++) {
    for (let px = 0; px < width; px++) {
      if (!dark.has(`${Math.floor(px / scale)},${Math.floor(py / scale)}`)) continue;
      const o = (py * width + px) * 4;
      data[o] = data[o + 1] = data[o + 2] = 0;
    }
  }
  return { data, width, height: width };
}

let ids: string[] = [];

beforeAll(async () => {
  t = await testApp();
  for (const [name, tag, unit] of [
    ['Máy hút dịch', 'TYT15961-0101', 'TYT15961'],
    ['Máy đo huyết áp', null, 'TYT15961'],
    ['Máy siêu âm <xách tay> & đầu dò', 'TTYT399-SA-01', 'TTYT399'],
  ] as const) {
    const r = await call('ttyt.hoanghoa', 'POST', '/api/equipment/assets', {
      tag, name, orgUnit: unit, category: name.includes('hút') ? 'SUCTION' : name.includes('huyết') ? 'BP_METER' : 'ULTRASOUND',
      acquired: '2022-05-01', cost: 12_000_000, room: unit === 'TTYT399' ? 'Phòng siêu âm' : null,
    });
    expect(r.statusCode, r.body).toBe(201);
    ids.push(r.json().id);
  }
  const u = await call('admin', 'POST', '/api/users', { username: 'ttyt.nhan380', displayName: 'QLTS 380', password: TEST_DEMO_PASSWORD, orgUnitId: await t.unit('TTYT380'), roles: ['unit_admin'] });
  expect(u.statusCode, u.body).toBe(201);
}, 180_000);

describe('QR labels', () => {
  it('each QR code on the print page decodes to the absolute label address of its asset', async () => {
    const r = await call('ttyt.hoanghoa', 'GET', `/api/equipment/labels?assets=${ids.join(',')}`, undefined, { host: 'soyte.thanhhoa.example:8443' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('text/html');
    const html = r.body;
    const labels = [...html.matchAll(/<div class="label" data-tag="([^"]+)" data-url="([^"]+)">(<svg[\s\S]*?<\/svg>)/g)];
    expect(labels).toHaveLength(3);
    const tags: string[] = [];
    for (const [, tag, , svg] of labels) {
      const img = rasterize(svg!);
      const code = jsQR(img.data, img.width, img.height);
      expect(code, `QR of ${tag}`).not.toBeNull();
      expect(code!.data).toBe(`http://soyte.thanhhoa.example:8443/equipment/tag/${encodeURIComponent(tag!)}`);
      tags.push(tag!);
    }
    // The tag given and the one made by the register (TYT15961-NNNN), in the register's order.
    expect(tags[0]).toBe('TTYT399-SA-01');
    expect(tags.slice(1)).toEqual(expect.arrayContaining(['TYT15961-0101', expect.stringMatching(/^TYT15961-\d{4}$/)]));
    // The name is printed as text, never as markup; the unit and room beside it.
    expect(html).toContain('<div class="name">Máy siêu âm &lt;xách tay&gt; &amp; đầu dò</div>');
    expect(html).toMatch(/<div class="unit">Trung tâm Y tế[^<]*Hoằng Hóa · Phòng siêu âm<\/div>/);
    expect(html).toContain('@page { size: A4; margin: 0; }');

    // The address opens the asset: GET /api/equipment/tags/:tag as the station's nurse.
    const byTag = await call('tyt.hoangloc', 'GET', `/api/equipment/tags/${encodeURIComponent('TYT15961-0101')}`);
    expect(byTag.statusCode, byTag.body).toBe(200);
    expect(byTag.json()).toMatchObject({ id: ids[0], name: 'Máy hút dịch' });
  });

  it('labels a whole unit, using the configured public address when there is one', async () => {
    const local = await testApp({ SOYTE_PUBLIC_URL: 'https://soyte.example.vn/' });
    const login = await local.login('ttyt.hoanghoa');
    await local.app.inject({ method: 'POST', url: '/api/equipment/assets', headers: login, payload: { name: 'Máy điện tim', orgUnit: 'TYT15961', category: 'ECG', acquired: '2021-01-01', cost: 30_000_000 } });
    const r = await local.app.inject({ method: 'GET', url: '/api/equipment/labels?orgUnit=TYT15961', headers: login });
    expect(r.statusCode, r.body).toBe(200);
    const urls = [...r.body.matchAll(/data-url="([^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThanOrEqual(1);
    for (const u of urls) expect(u).toMatch(/^https:\/\/soyte\.example\.vn\/equipment\/tag\/TYT15961-\d{4}$/);
  }, 180_000);

  it('another centre can label neither these assets nor this unit', async () => {
    const one = await call('ttyt.nhan380', 'GET', `/api/equipment/labels?assets=${ids[0]}`);
    expect(one.statusCode).toBe(403);
    expect(one.json().error.code).toBe('OUT_OF_SCOPE');
    const unit = await call('ttyt.nhan380', 'GET', '/api/equipment/labels?orgUnit=TYT15961');
    expect(unit.statusCode).toBe(403);
    const none = await call('ttyt.hoanghoa', 'GET', '/api/equipment/labels');
    expect(none.statusCode).toBe(400);
    const unknown = await call('ttyt.hoanghoa', 'GET', '/api/equipment/labels?assets=nope');
    expect(unknown.statusCode).toBe(404);
  });
});
