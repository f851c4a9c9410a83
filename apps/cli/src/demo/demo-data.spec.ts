import { unknownPlaceholders } from '@ledgerdesk/contracts';
import { DEMO_REPLY_TEMPLATES } from './demo-data';

describe('demo reply templates', () => {
  // Seeded straight into the table, so the API's check on save does not see them.
  it.each(DEMO_REPLY_TEMPLATES.map((template) => [template.name, template.body]))(
    '"%s" uses only known placeholders',
    (_, body) => {
      expect(unknownPlaceholders(body)).toEqual([]);
      expect(body).toMatch(/\{\{/);
    },
  );
});
