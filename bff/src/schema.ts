import fs from 'node:fs';
import path from 'node:path';
import { createSchema } from 'graphql-yoga';
import { JSONObjectResolver } from 'graphql-scalars';
import type { Context } from './context';
import { catalogueResolvers } from './modules/catalogue/resolvers';
import { agenciesResolvers } from './modules/agencies/resolvers';
import { identityResolvers } from './modules/identity/resolvers';
import { carMoveResolvers } from './modules/car-move/resolvers';
import { carMoveCodesResolvers } from './modules/car-move-codes/resolvers';
import { notificationsResolvers } from './modules/notifications/resolvers';
import { operatorsResolvers } from './modules/operators/resolvers';
import { tilesResolvers } from './modules/tiles/resolvers';
import { noticesResolvers } from './modules/notices/resolvers';
import { applicationsResolvers } from './modules/applications/resolvers';
import { messagesResolvers } from './modules/messages/resolvers';
import { walletResolvers } from './modules/wallet/resolvers';
import { appointmentsResolvers } from './modules/appointments/resolvers';
import { recordsResolvers } from './modules/records/resolvers';
import { askResolvers } from './modules/ask/resolvers';
import { paymentsResolvers } from './modules/payments/resolvers';
import { paymentsConsoleResolvers } from './modules/payments/consoleResolvers';
import { resultsResolvers } from './modules/results/resolvers';
import { ratingsResolvers } from './modules/ratings/resolvers';
import { livingFeesResolvers } from './modules/living-fees/resolvers';
import { policiesResolvers } from './modules/policies/resolvers';
import { servicesAdminResolvers } from './modules/services-admin/resolvers';
import { familyResolvers } from './modules/family/resolvers';
import { withActingChecks } from './modules/family/wrap';

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
  const resolvers = [
    catalogueResolvers,
    agenciesResolvers,
    identityResolvers,
    carMoveResolvers,
    carMoveCodesResolvers,
    notificationsResolvers,
    operatorsResolvers,
    tilesResolvers,
    noticesResolvers,
    applicationsResolvers,
    messagesResolvers,
    walletResolvers,
    appointmentsResolvers,
    recordsResolvers,
    askResolvers,
    policiesResolvers,
    paymentsResolvers,
    paymentsConsoleResolvers,
    resultsResolvers,
    ratingsResolvers,
    servicesAdminResolvers,
    livingFeesResolvers,
  ];
  // Acting for someone else (issue 17): every root operation checked against the acting table.
  return createSchema<Context>({
    typeDefs,
    resolvers: [{ JSONObject: JSONObjectResolver }, ...[...resolvers, familyResolvers].map(withActingChecks)],
  });
}
