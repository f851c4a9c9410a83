import { TestAgent, TestApp } from './test-app';

export const MONDAY_TO_FRIDAY = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
export const EVERY_DAY = [...MONDAY_TO_FRIDAY, 'saturday', 'sunday'];

/** The same opening interval on each of these days, as `PUT /api/sla/business-hours` takes it. */
export const openOn = (days: string[], opens: string, closes: string) =>
  days.map((day) => ({ day, opens, closes }));

/** Sets the desk's week (expects 200). */
export async function setBusinessHours(
  testApp: TestApp,
  agent: TestAgent,
  timeZone: string,
  hours: { day: string; opens: string; closes: string }[],
): Promise<void> {
  await testApp
    .http()
    .put('/api/sla/business-hours')
    .set('authorization', agent.auth)
    .send({ timeZone, hours })
    .expect(200);
}
