// Directives and tasks (issue 13): conclusion notices, their tasks for named units with deadlines
// and recurrences, followed to completion. First step: reading deadlines and recurrences from a
// notice's words (reading/); documents, tasks, the follow-up and notifications come next.
import { defineModule } from '../../core/modules.js';

export const directivesModule = defineModule({
  name: 'directives',
});
