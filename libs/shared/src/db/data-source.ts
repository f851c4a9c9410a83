import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { buildTypeOrmOptions } from './typeorm-options';

/** For the TypeORM CLI (`npm run migration:generate`). */
export default new DataSource(buildTypeOrmOptions(AppConfig.fromEnvironment()));
