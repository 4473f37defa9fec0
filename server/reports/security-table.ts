import type { SecurityReport, SecurityRow } from './security.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function rows(title: string, list: SecurityRow[], label: string): string[] {
  if (!list.length) return [`${title}: none`];
  const width = Math.max(label.length, ...list.map((r) => r.key.length));
  return [
    title,
    `  ${label.padEnd(width)}  failures  accounts`,
    ...list.map(
      (r) => `  ${r.key.padEnd(width)}  ${String(r.failures).padStart(8)}  ${String(r.accounts).padStart(8)}`,
    ),
  ];
}

/** The security report as a terminal reads it. */
export function securityTable(r: SecurityReport): string {
  const lines = [
    `Security report, ${r.since} to ${r.until}`,
    '',
    `Sign-ins with a password: ${r.signIns.attempts} (${r.signIns.failed} failed, ${pct(r.signIns.failureRatio)})`,
    `Risk of flows: ${r.risk.low} low, ${r.risk.medium} medium, ${r.risk.high} high`,
    `Challenges: ${r.challenges.shown} shown, ${r.challenges.solved} solved (${pct(r.challenges.solveRate)}), ${r.challenges.failed} failed`,
    `Soft lockouts: ${r.lockouts.total} (${r.lockouts.knownAccounts} of existing accounts, their owners told by mail)`,
    `Refused by rate limits: ${r.blocked.total}${
      Object.keys(r.blocked.byLimit).length
        ? ` (${Object.entries(r.blocked.byLimit)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')})`
        : ''
    }`,
    `Blocked sign-ups: ${r.blocked.signUps} (rate limits and breached passwords)`,
    `Breached passwords: ${r.breachedPasswords.signInHits} sign-ins routed to a forced change, ${r.breachedPasswords.refused} refused as new passwords`,
    `New-device sign-in notices mailed: ${r.newDeviceNotices}`,
    '',
    ...rows('Top IPs by failed sign-ins', r.topIps, 'ip'),
    '',
    ...rows('Top networks by failed sign-ins', r.topPrefixes, 'network'),
    '',
  ];
  if (!r.accountsUnderAttack.length) lines.push('Accounts under attack: none');
  else {
    lines.push('Accounts under attack (existing accounts; unknown addresses are never named)');
    for (const a of r.accountsUnderAttack)
      lines.push(
        `  ${(a.email ?? a.accountId).padEnd(32)}  ${String(a.failures).padStart(5)} failures from ${a.ips} IPs`,
      );
  }
  return `${lines.join('\n')}\n`;
}
