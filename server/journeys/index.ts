export { type Bindings, journeyFor, loadBindings } from './bindings.ts';
export {
  compileJourney,
  JourneyError,
  JourneyRegistry,
  journeyFiles,
  type LoadedJourney,
} from './journey-registry.ts';
export { type JourneyDefinition, journeySchema } from './journey-schema.ts';
export { type JourneyProblem, validateJourney } from './validate-journey.ts';
