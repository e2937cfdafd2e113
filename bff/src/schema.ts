import fs from 'node:fs';
import path from 'node:path';
import { createSchema } from 'graphql-yoga';
import type { Context } from './context';
import { catalogueResolvers } from './modules/catalogue/resolvers';
import { agenciesResolvers } from './modules/agencies/resolvers';
import { identityResolvers } from './modules/identity/resolvers';
import { carMoveResolvers } from './modules/car-move/resolvers';
import { notificationsResolvers } from './modules/notifications/resolvers';
import { operatorsResolvers } from './modules/operators/resolvers';
import { tilesResolvers } from './modules/tiles/resolvers';
import { applicationsResolvers } from './modules/applications/resolvers';
import { messagesResolvers } from './modules/messages/resolvers';
import { walletResolvers } from './modules/wallet/resolvers';
import { appointmentsResolvers } from './modules/appointments/resolvers';

/**
 * The schema is schema.graphql (the root types) and every modules/<name>/schema.graphql,
 * which extend them. scripts/codegen.mjs reads the same files through this function.
 */
export function schemaFiles(): string[] {
  const modules = path.join(__dirname, 'modules');
  const moduleFiles = fs
    .readdirSync(modules)
    .sort()
    .map((name) => path.join(modules, name, 'schema.graphql'))
    .filter((file) => fs.existsSync(file));
  return [path.join(__dirname, 'schema.graphql'), ...moduleFiles];
}

export function buildSchema() {
  const typeDefs = schemaFiles().map((file) => fs.readFileSync(file, 'utf8'));
  const resolvers = [catalogueResolvers, agenciesResolvers, identityResolvers, carMoveResolvers, notificationsResolvers, operatorsResolvers, tilesResolvers, applicationsResolvers, messagesResolvers, walletResolvers, appointmentsResolvers];
  return createSchema<Context>({ typeDefs, resolvers });
}
