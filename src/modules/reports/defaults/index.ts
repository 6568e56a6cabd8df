// The default report templates shipped with soyte (installed as built-in templates).
import type { TemplateDefinitionInput } from '../template.schema.js';
import { BC_SYT_6THANG } from './syt-six-months.js';
import { BC_TTYT_THANG } from './ttyt-monthly.js';
import { BC_TYT_THANG } from './tyt-monthly.js';

export { BC_SYT_6THANG, BC_TTYT_THANG, BC_TYT_THANG };

/** (a) the health centre's monthly report (seed 001), (b) the commune station's, (c) the province's review. */
export const DEFAULT_TEMPLATES: TemplateDefinitionInput[] = [BC_TTYT_THANG, BC_TYT_THANG, BC_SYT_6THANG];
