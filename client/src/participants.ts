// Who is attached to a session (the server's `participants` message, docs/PROTOCOL.md): what a tab's status bar and
// the watch page show, and the one-line notices a tab writes into its terminal when someone joins or leaves. Pure: no
// DOM, no socket. "No silent watching": everyone attached sees who else is.

import type { Participant } from './protocol';
import { t } from './strings';

/** The owner's own socket: not listed in the owner's status bar, and its coming and going is no notice. */
export const controlMode = 'control';

/** Everyone but the session's controlling socket (the owner's tab): the people the owner should know about. */
export function others(participants: readonly Participant[]): Participant[] {
  return participants.filter((p) => p.mode !== controlMode);
}

export interface ParticipantChanges {
  readonly joined: readonly Participant[];
  readonly left: readonly Participant[];
}

/**
 * Who joined and who left between two lists, as multisets of (user, mode): an admin watching twice is two entries, and
 * a watcher who comes back in another mode both left (old mode) and joined (new one). Control entries are ignored.
 */
export function participantChanges(previous: readonly Participant[], next: readonly Participant[]): ParticipantChanges {
  const before = others(previous);
  const after = others(next);
  const left = minus(before, after);
  const joined = minus(after, before);
  return { joined, left };
}

/** The notices for the changes, in the current language: one plain line each (the caller colours and writes them). */
export function participantNotices(previous: readonly Participant[], next: readonly Participant[]): string[] {
  const { joined, left } = participantChanges(previous, next);
  return [
    ...left.map((p) => t(p.mode === 'type' ? 'participantLeftTyping' : 'participantLeft', { user: p.user })),
    ...joined.map((p) => t(p.mode === 'type' ? 'participantJoinedTyping' : 'participantJoinedWatching', { user: p.user })),
  ];
}

/**
 * The status text for a list, grouped by mode: "in control: ann; watching: bob; typing: carol" (each user once a
 * group, in the server's order); '' for an empty list. Modes this page does not know are shown under their name.
 */
export function participantSummary(participants: readonly Participant[]): string {
  const groups = new Map<string, string[]>();
  for (const p of participants) {
    const users = groups.get(p.mode) ?? [];
    if (!users.includes(p.user)) {
      users.push(p.user);
    }
    groups.set(p.mode, users);
  }
  const order = [controlMode, 'watch', 'type', ...[...groups.keys()].filter((m) => m !== controlMode && m !== 'watch' && m !== 'type')];
  return order.flatMap((mode) => {
    const users = groups.get(mode);
    return users === undefined ? [] : [modeLabel(mode, users.join(', '))];
  }).join('; ');
}

/** The distinct user names of a list, space-separated (user names have no spaces): the `data-users` hook. */
export function participantUsers(participants: readonly Participant[]): string {
  return [...new Set(participants.map((p) => p.user))].join(' ');
}

function modeLabel(mode: string, users: string): string {
  switch (mode) {
    case controlMode:
      return t('participantsControl', { users });
    case 'watch':
      return t('participantsWatching', { users });
    case 'type':
      return t('participantsTyping', { users });
    default:
      return `${mode}: ${users}`;
  }
}

function minus(from: readonly Participant[], remove: readonly Participant[]): Participant[] {
  const pool = [...remove];
  return from.filter((p) => {
    const index = pool.findIndex((q) => q.user === p.user && q.mode === p.mode);
    if (index < 0) {
      return true;
    }
    pool.splice(index, 1);
    return false;
  });
}
