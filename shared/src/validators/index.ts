export * from './idNumber';
export * from './plate';
export * from './creditCode';
export * from './phone';
export { PROVINCES, COUNTIES } from './divisions';
