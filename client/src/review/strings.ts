// Strings of the review pages (audit log, sessions, player), kept beside them; same rules as ../strings.ts.

import { getLanguage } from '../strings';

const en = {
  navAudit: 'Audit log',
  navSessions: 'Sessions',
  auditTitle: 'Audit log',
  sessionsTitle: 'Sessions',
  filterFrom: 'From',
  filterTo: 'To',
  filterUser: 'User',
  filterHost: 'Host',
  filterType: 'Type',
  filterSession: 'Session id',
  apply: 'Apply',
  liveRefresh: 'Live refresh',
  exportCsv: 'Export CSV',
  exportJsonl: 'Export JSON Lines',
  older: 'Older',
  loading: 'Loading…',
  noEvents: 'No events match the filters.',
  noSessions: 'No sessions yet.',
  loadFailed: 'Could not load: {error}',
  colTime: 'Time',
  colType: 'Type',
  colUser: 'User',
  colIp: 'Client IP',
  colHost: 'Host',
  colSession: 'Session',
  colDetails: 'Details',
  colStart: 'Start',
  colDuration: 'Duration',
  colBytes: 'Bytes in / out',
  colEnd: 'End reason',
  active: 'active',
  play: 'Replay',
  playerTitle: 'Session {id}',
  commandsTitle: 'Commands',
  commandsHint: 'Reconstructed from the terminal; an aid for navigating, not evidence.',
  noCommands: 'No commands were recognised.',
  filterCommands: 'Filter commands',
  back: 'Sessions',
} as const;

export type ReviewKey = keyof typeof en;

const zhCN: Record<ReviewKey, string> = {
  navAudit: '审计日志',
  navSessions: '会话',
  auditTitle: '审计日志',
  sessionsTitle: '会话',
  filterFrom: '开始时间',
  filterTo: '结束时间',
  filterUser: '用户',
  filterHost: '主机',
  filterType: '类型',
  filterSession: '会话 ID',
  apply: '应用',
  liveRefresh: '实时刷新',
  exportCsv: '导出 CSV',
  exportJsonl: '导出 JSON Lines',
  older: '更早',
  loading: '正在加载…',
  noEvents: '没有符合条件的事件。',
  noSessions: '还没有会话。',
  loadFailed: '无法加载：{error}',
  colTime: '时间',
  colType: '类型',
  colUser: '用户',
  colIp: '客户端 IP',
  colHost: '主机',
  colSession: '会话',
  colDetails: '详情',
  colStart: '开始',
  colDuration: '时长',
  colBytes: '输入 / 输出字节',
  colEnd: '结束原因',
  active: '进行中',
  play: '回放',
  playerTitle: '会话 {id}',
  commandsTitle: '命令',
  commandsHint: '根据终端内容重建，仅用于导航，不作为证据。',
  noCommands: '没有识别到命令。',
  filterCommands: '筛选命令',
  back: '会话',
};

const languages = { en, 'zh-CN': zhCN } as const;

export function rt(key: ReviewKey, params?: Record<string, string | number>): string {
  const text = languages[getLanguage()][key];
  return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole)) : text;
}
