import fs from 'node:fs';
import path from 'node:path';
import { createSchema } from 'graphql-yoga';
import type { Context } from './context';
import { catalogueResolvers } from './modules/catalogue/resolvers';
import { agenciesResolvers } from './modules/agencies/resolvers';

/**
 * The schema is the modules' .graphql files, in this order (the first declares
 * Query; later ones extend it). shared/codegen reads the same files.
 */
export const SCHEMA_FILES = ['modules/catalogue/schema.graphql', 'modules/agencies/schema.graphql'].map((f) => path.join(__dirname, f));

export function buildSchema() {
  const typeDefs = SCHEMA_FILES.map((file) => fs.readFileSync(file, 'utf8'));
  const resolvers = [catalogueResolvers, agenciesResolvers];
  return createSchema<Context>({ typeDefs, resolvers });
}
