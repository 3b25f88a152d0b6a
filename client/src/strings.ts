// Every user-visible string lives here, so a language switch touches one file.
// English is the default; `zh-CN` must define the same keys (the type checker enforces it).

const en = {
  appName: 'Bastion',
  loginTitle: 'Sign in',
  loginSubtitle: 'Web SSH bastion',
  username: 'Username',
  password: 'Password',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  loginFailed: 'Sign-in failed',
  sessionExpired: 'Your session has ended. Please sign in again.',
  logout: 'Log out',
  hostsTitle: 'Hosts',
  hostsCount: '{count} hosts',
  hostsFilter: 'Filter by name or address',
  hostsLoading: 'Loading hosts…',
  hostsEmpty: 'No hosts are available to you. Ask an administrator to grant access.',
  hostsNoMatch: 'No host matches the filter.',
  hostsLoadFailed: 'Could not load hosts: {error}',
  retry: 'Retry',
  colName: 'Name',
  colTarget: 'Target',
  colHostKey: 'Host key',
  notPinned: 'not pinned',
  openTerminal: 'Open terminal',
  backToHosts: 'Hosts',
  connecting: 'connecting…',
  connected: 'connected',
  connectionClosed: 'connection closed',
  closeCode: 'code {code}',
  reconnect: 'Reconnect',
  ticketFailed: 'Could not open a session: {error}',
  requestFailed: 'Request failed ({status})',
  networkError: 'Network error: the server could not be reached',
} as const;

export type StringKey = keyof typeof en;
type Dictionary = Record<StringKey, string>;

const zhCN: Dictionary = {
  appName: 'Bastion',
  loginTitle: '登录',
  loginSubtitle: 'Web SSH 堡垒机',
  username: '用户名',
  password: '密码',
  signIn: '登录',
  signingIn: '正在登录…',
  loginFailed: '登录失败',
  sessionExpired: '会话已结束，请重新登录。',
  logout: '退出登录',
  hostsTitle: '主机',
  hostsCount: '{count} 台主机',
  hostsFilter: '按名称或地址筛选',
  hostsLoading: '正在加载主机…',
  hostsEmpty: '没有可用的主机。请联系管理员授权。',
  hostsNoMatch: '没有匹配的主机。',
  hostsLoadFailed: '无法加载主机：{error}',
  retry: '重试',
  colName: '名称',
  colTarget: '目标',
  colHostKey: '主机密钥',
  notPinned: '未固定',
  openTerminal: '打开终端',
  backToHosts: '主机',
  connecting: '正在连接…',
  connected: '已连接',
  connectionClosed: '连接已关闭',
  closeCode: '代码 {code}',
  reconnect: '重新连接',
  ticketFailed: '无法打开会话：{error}',
  requestFailed: '请求失败（{status}）',
  networkError: '网络错误：无法连接服务器',
};

export const languages = { en, 'zh-CN': zhCN } as const satisfies Record<string, Dictionary>;
export type Language = keyof typeof languages;

let current: Language = 'en';

export function setLanguage(language: Language): void {
  current = language;
}

export function getLanguage(): Language {
  return current;
}

export function isLanguage(value: string | null | undefined): value is Language {
  return value != null && Object.hasOwn(languages, value);
}

/** Looks up `key` in the current language and replaces `{name}` placeholders from `params`. */
export function t(key: StringKey, params?: Record<string, string | number>): string {
  const text = languages[current][key];
  if (!params) {
    return text;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}
