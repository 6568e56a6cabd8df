// The demo module: the demo province (Thanh Hóa) and its synthetic data, loaded on first start.
import { defineModule } from '../../core/modules.js';
import { serveDemo } from './demo.cli.js';

export const demoModule = defineModule({
  name: 'demo',
  serve: serveDemo,
});
