// "Cơ sở vật chất" (issue 15, point 8): the premises of the units in scope, the investment programmes
// with their progress, and one project. Routes below /facilities (see index.ts).
import { useRoute } from '../../router';
import { PremisesList } from './PremisesList';
import { PremisesPage } from './PremisesPage';
import { ProgrammePage } from './ProgrammePage';
import { ProgrammesList } from './ProgrammesList';
import { ProjectPage } from './ProjectPage';

export function FacilitiesPage() {
  const [, sub, id] = useRoute();
  if (sub === 'unit' && id) return <PremisesPage key={id} unit={id} />;
  if (sub === 'programmes' && id) return <ProgrammePage key={id} id={id} />;
  if (sub === 'programmes') return <ProgrammesList />;
  if (sub === 'projects' && id) return <ProjectPage key={id} id={id} />;
  return <PremisesList />;
}
