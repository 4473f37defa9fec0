export {
  type Binding,
  type Bindings,
  type BoundJourney,
  journeyFor,
  journeysOf,
  loadBindings,
} from './bindings.ts';
export {
  bucketOf,
  type Experiment,
  experimentSchema,
  pickVariant,
  type Variant,
  variantLabel,
} from './experiments.ts';
export {
  compileJourney,
  JourneyError,
  JourneyRegistry,
  journeyFiles,
  type LoadedJourney,
} from './journey-registry.ts';
export { type JourneyDefinition, journeySchema } from './journey-schema.ts';
export { type JourneyProblem, validateJourney } from './validate-journey.ts';
