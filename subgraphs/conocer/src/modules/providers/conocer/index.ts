export { ConocerProvider, type ConocerProviderOptions } from './conocer.provider';
