// The demo's draft of seed 001 itself: the May 2024 report of the Hoằng Hóa health centre, with the
// parts of the real document that are about Hoằng Hóa (the default template's texts are generic), its
// date and signer. Opened in the app it reads side by side with the real report; its figures come
// from the data, like every report's.
import { openReport, saveReport } from '../reports/reports.service.js';
import { ensureDefaultTemplates } from '../reports/templates.service.js';
import type { Ctx } from '../../core/context.js';
import { SEED_PERIOD, SEED_UNIT } from './seed001.js';

/** Free texts of seed 001 that only Hoằng Hóa can write (block key → text). */
export const SEED_001_TEXTS: Record<string, string> = {
  characteristics:
    'Hoằng Hóa là một huyện đồng bằng ven biển có diện tích 203 km² với dân số trên 23 vạn dân được phân chia thành 37 đơn vị hành chính cấp xã, thị trấn. ' +
    'Kinh tế phát triển theo hướng Công nghiệp và dịch vụ du lịch dẫn đến sự di biến động về dân số. Vấn đề vệ sinh môi trường, việc xử lý chất thải còn nhiều bất cập, ' +
    'một số bệnh truyền nhiễm thuộc nhóm B xuất hiện quanh năm đó là những yếu tố thuận lợi tạo điều kiện cho bệnh dịch phát sinh. ' +
    'Bên cạnh đó cơ sở vật chất trang thiết bị vật tư phục vụ công tác chăm sóc sức khoẻ nhân dân chưa đáp ứng được nhu cầu chung.',
  communeStandards:
    '- Thực hiện Kế hoạch số 16/KH-UBND ngày 17/01/2024 của UBND huyện Hoằng Hóa về thực hiện Bộ tiêu chí Quốc gia về y tế xã giai đoạn đến năm 2030; ' +
    'Căn cứ Quyết định số 826/QĐ-UBND ngày 18/3/2024 về việc thành lập Hội đồng và Tổ Thư ký xét công nhận xã đạt Bộ tiêu chí quốc gia về y tế, giai đoạn đến năm 2030, ' +
    'đơn vị đã tổ chức thực hiện thẩm định và tham mưu cho UBND huyện trình Hội đồng thẩm định tỉnh công nhận đạt Bộ tiêu chí quốc gia về y tế cho 15 xã đăng ký thực hiện trong 6 tháng đầu năm 2024.',
};

/** Creates the draft (unless it exists) and fills in seed 001's own texts, date and signer. */
export async function loadSeedReport(ctx: Ctx): Promise<string> {
  await ensureDefaultTemplates(ctx);
  const { report, created } = await openReport(ctx, { template: 'BC_TTYT_THANG', orgUnit: SEED_UNIT, period: SEED_PERIOD });
  if (created) {
    await saveReport(ctx, report.id, { version: report.version, texts: SEED_001_TEXTS, issuedOn: '2024-06-10', signer: 'Lê Trọng Tiến' });
  }
  return report.id;
}
