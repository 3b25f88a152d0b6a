// The signed-in user's own account page (#/account): a thin list of sections, each its own module with a
// `mount…Section(parent, context)`, so sections can be added without touching each other.

import { h } from '../dom';
import { t } from '../strings';
import { mountMfaSection } from './account/mfa';
import { mountPasskeysSection } from './account/passkeys';
import type { Page } from './page';
import { topBar } from './topbar';

export const accountPage: Page = (root, context) => {
  const controller = new AbortController();
  const main = h('main', { className: 'page account-page' }, h('h1', {}, t('accountTitle')));
  root.append(topBar(context), main);
  const section = { api: context.api, signal: controller.signal };
  mountMfaSection(main, section);
  mountPasskeysSection(main, section);
  return () => controller.abort();
};
