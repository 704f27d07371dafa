// The administrator's folder rules: --include/--exclude GLOB (on the logical name, "/"-separated; "*" matches
// anything, "%" anything but "/", "?" one character) and --map 'REGEX=>REPLACEMENT' (JavaScript regular
// expression on the logical name, "$1" style references), applied in the order given, the first that matches.

export class FolderRuleError extends Error {
  override name = 'FolderRuleError';
}

export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (const char of glob) {
    if (char === '*') source += '.*';
    else if (char === '%') source += '[^/]*';
    else if (char === '?') source += '.';
    else source += char.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'u');
}

export interface FolderFilter {
  accepts(logicalName: string): boolean;
}

export function folderFilter(include: readonly string[], exclude: readonly string[]): FolderFilter {
  const includes = include.map(globToRegExp);
  const excludes = exclude.map(globToRegExp);
  return {
    accepts: (name) => (includes.length === 0 || includes.some((re) => re.test(name))) && !excludes.some((re) => re.test(name)),
  };
}

export interface MapRule {
  pattern: RegExp;
  replacement: string;
  text: string;
}

export function parseMapRule(text: string): MapRule {
  const at = text.indexOf('=>');
  if (at <= 0) throw new FolderRuleError(`--map "${text}": expected 'REGEX=>REPLACEMENT'`);
  try {
    return { pattern: new RegExp(text.slice(0, at), 'u'), replacement: text.slice(at + 2), text };
  } catch (error) {
    throw new FolderRuleError(`--map "${text}": ${(error as Error).message}`);
  }
}

/** The logical name after the first rule that matches, or undefined when none does. */
export function applyMapRules(rules: readonly MapRule[], logicalName: string): string | undefined {
  for (const rule of rules) {
    if (rule.pattern.test(logicalName)) return logicalName.replace(rule.pattern, rule.replacement);
  }
  return undefined;
}
