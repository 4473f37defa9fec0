import type { FlowPlan } from './flow-log.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Ten sign-ins on the login journey, judged at `now`, with every way a flow can go: straight
 * through, back and forth, through decision states (a transition lands on the screen they chose),
 * abandoned, refused, still running; in two variants and outside any experiment. Plus two flows
 * the funnel must leave out: one that started before the period, one of another journey.
 */
export function loginScenario(now: number): FlowPlan[] {
  return [
    // control: A converts, B is abandoned on the password, C goes back once then converts with an app code,
    // G is abandoned on the first screen.
    {
      id: 'A',
      variant: 'control',
      at: now - 3 * HOUR,
      start: 'provideIdentifier',
      moves: [
        ['providePassword', 10],
        ['signedIn', 40],
      ],
    },
    {
      id: 'B',
      variant: 'control',
      at: now - 2 * HOUR,
      start: 'provideIdentifier',
      moves: [['providePassword', 5]],
    },
    {
      id: 'C',
      variant: 'control',
      at: now - 4 * HOUR,
      start: 'provideIdentifier',
      moves: [
        ['providePassword', 20],
        ['provideIdentifier', 30],
        ['providePassword', 40],
        ['enterTotp', 60],
        ['signedIn', 90],
      ],
    },
    { id: 'G', variant: 'control', at: now - 5 * HOUR, start: 'provideIdentifier' },
    // b: D is still on the password, E ends unmet, F declines the passkey nudge, H tries another factor,
    // I goes back to the first screen and is abandoned there.
    {
      id: 'D',
      variant: 'b',
      at: now - 10 * MINUTE,
      start: 'provideIdentifier',
      moves: [['providePassword', 15]],
    },
    {
      id: 'E',
      variant: 'b',
      at: now - 6 * HOUR,
      start: 'provideIdentifier',
      moves: [
        ['providePassword', 8],
        ['cannotMeet', 20],
      ],
      endEvents: ['login.unmet'],
    },
    {
      id: 'F',
      variant: 'b',
      at: now - DAY,
      start: 'provideIdentifier',
      moves: [
        ['providePassword', 12],
        ['offerPasskey', 32],
        ['signedIn', 52],
      ],
    },
    {
      id: 'H',
      variant: 'b',
      at: now - 2 * DAY,
      start: 'provideIdentifier',
      moves: [
        ['providePassword', 6],
        ['enterTotp', 16],
        ['chooseSecondFactor', 26],
        ['emailSecondFactor', 36],
        ['signedIn', 66],
      ],
    },
    {
      id: 'I',
      variant: 'b',
      at: now - 3 * DAY,
      start: 'provideIdentifier',
      moves: [
        ['providePassword', 4],
        ['provideIdentifier', 11],
      ],
    },
    // Outside any experiment: a passkey from the first screen.
    { id: 'J', variant: null, at: now - 30 * MINUTE, start: 'provideIdentifier', moves: [['signedIn', 3]] },
    // Left out: started before the period; another journey.
    {
      id: 'old',
      variant: 'control',
      at: now - 8 * DAY,
      start: 'provideIdentifier',
      moves: [['providePassword', 6 * 86_400]],
    },
    {
      id: 'S',
      journeyId: 'signup',
      trigger: 'signup',
      at: now - HOUR,
      start: 'provideIdentifier',
      moves: [['choosePassword', 9]],
    },
  ];
}
