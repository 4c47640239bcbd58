/** Display names for simulated viewers: the nicknames people use in Chinese live-stream chat. */
export const BOT_NAMES = [
  '股海小白',
  '退休老王',
  '新能源迷',
  '理财小能手',
  '阿杰',
  '小雨',
  '老张看盘',
  '静静',
  '韭菜自救中',
  '稳健派',
  '数据控',
  '打工人小李',
  '上海阿姨',
  '深圳程序员',
  '基金定投党',
  '风控小达人',
  '路过看看',
  '晨跑的鱼',
  '一只小熊',
  '夜猫子',
  '长期主义者',
  '小周',
  '陈老师的学生',
  '海边的风',
] as const;

export function botName(index: number): string {
  const base = BOT_NAMES[index % BOT_NAMES.length] as string;
  const round = Math.floor(index / BOT_NAMES.length);
  return round === 0 ? base : `${base}${round + 1}`;
}
