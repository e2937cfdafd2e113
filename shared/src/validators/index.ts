export * from './idNumber';
export * from './plate';
export * from './plateType';
export * from './creditCode';
export * from './phone';
export * from './place';
export * from './normalise';
export { PROVINCES, COUNTIES } from './divisions';
