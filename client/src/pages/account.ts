// `#/account`: the signed-in user's own account. A thin list of sections, each its own module that mounts itself
// into the page and returns its cleanup (password, sign-ins, API tokens) or stops with the page's signal (second
// factors: TOTP and passkeys).

import { h } from '../dom';
import { t } from '../strings';
import { mountApiTokensSection } from './account/apiTokens';
import { mountLoginsSection } from './account/logins';
import { mountMfaSection } from './account/mfa';
import { mountPasskeysSection } from './account/passkeys';
import { mountPasswordSection } from './account/password';
import type { AppContext, Page } from './page';
import { topBar } from './topbar';

/** Mounts one section into `parent`; returns its cleanup. */
export type AccountSection = (parent: HTMLElement, context: AppContext) => () => void;

const sections: readonly AccountSection[] = [mountPasswordSection, mountLoginsSection, mountApiTokensSection];

export const accountPage: Page = (root, context) => {
  document.title = `${t('accountTitle')} · Bastion`;
  const controller = new AbortController();
  const main = h('main', { id: 'account-page', className: 'page account-page' }, h('h1', {}, t('accountTitle')));
  root.append(topBar(context), main);
  const cleanups = sections.map((mount) => mount(main, context));
  const factors = { api: context.api, signal: controller.signal };
  mountMfaSection(main, factors);
  mountPasskeysSection(main, factors);
  return () => {
    controller.abort();
    for (const cleanup of cleanups) {
      cleanup();
    }
  };
};
