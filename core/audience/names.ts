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

/** The viewer index a bot's display name stands for (botName's inverse), or null for any other name. */
export function botIndex(name: string): number | null {
  for (let i = 0; i < BOT_NAMES.length; i++) {
    const base = BOT_NAMES[i] as string;
    if (!name.startsWith(base)) continue;
    const rest = name.slice(base.length);
    if (rest === '') return i;
    if (!/^[1-9]\d{0,5}$/.test(rest)) continue;
    const index = (Number(rest) - 1) * BOT_NAMES.length + i;
    if (botName(index) === name) return index;
  }
  return null;
}
