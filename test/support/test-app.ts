import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AgentRole, CreateAgentUseCase } from '@ledgerdesk/agents';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/create-api-app';

export interface TestAgent {
  id: string;
  email: string;
  password: string;
  role: AgentRole;
  teamIds: string[];
  token: string;
  /** `Authorization` header value. */
  auth: string;
}

/** The real API (Fastify, PostgreSQL, Redis) on this run's database, driven through supertest. */
export class TestApp {
  private constructor(readonly app: NestFastifyApplication) {}

  static async start(): Promise<TestApp> {
    const app = await createApiApp({ logger: false, swaggerUi: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return new TestApp(app);
  }

  http(): ReturnType<typeof request> {
    return request(this.app.getHttpServer());
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  /** Creates an agent (unique email) and logs it in through the API. */
  async agent(role: AgentRole = 'agent', teams: string[] = []): Promise<TestAgent> {
    const email = `${role}-${randomUUID().slice(0, 8)}@test.example`;
    const password = `pw-${randomUUID()}`;
    const created = await this.app
      .get(CreateAgentUseCase)
      .execute({ email, name: `Test ${role}`, role, password, teams }, null);
    const response = await this.http().post('/api/auth/login').send({ email, password }).expect(200);
    const token = response.body.accessToken as string;
    return {
      id: created.id,
      email,
      password,
      role,
      teamIds: created.teams.map((team) => team.id),
      token,
      auth: `Bearer ${token}`,
    };
  }

  async close(): Promise<void> {
    await this.app.close();
  }
}

export const uniqueTeam = (label = 'team'): string => `${label}-${randomUUID().slice(0, 8)}`;
