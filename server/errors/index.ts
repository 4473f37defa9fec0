export { asPorticoError, type ErrorCode, PorticoError } from './portico-error.ts';
