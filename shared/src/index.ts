export * from './validators';
export * from './masking';
export * from './errors/codes';
export * from './forms';
export * from './types';
export * from './graphql/generated';
export * from './policies';
export * from './names';
