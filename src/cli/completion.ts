/**
 * `conform completion bash|zsh`: a completion script made from the commander program itself, so every
 * command, subcommand and option it lists is one the CLI accepts.
 */
import type { Command, Option } from 'commander';

interface Entry {
  /** `validate`, or `tokens create` for a subcommand. */
  path: string;
  description: string;
  options: { flags: string[]; description: string; takesValue: boolean; choices: string[] | undefined }[];
  subcommands: string[];
}

const visible = (command: Command): Command[] => command.commands.filter((c) => c.name() !== 'help');

function optionEntry(option: Option): Entry['options'][number] {
  return {
    flags: [option.long, option.short].filter((f): f is string => typeof f === 'string'),
    description: option.description,
    takesValue: option.required || option.optional,
    choices: option.argChoices,
  };
}

function entries(command: Command, prefix = ''): Entry[] {
  const out: Entry[] = [];
  for (const sub of visible(command)) {
    const path = `${prefix}${sub.name()}`;
    out.push({
      path,
      description: sub.summary() || sub.description(),
      options: [...sub.options.map(optionEntry), { flags: ['--help', '-h'], description: 'show help', takesValue: false, choices: undefined }],
      subcommands: visible(sub).map((c) => c.name()),
    });
    out.push(...entries(sub, `${path} `));
  }
  return out;
}

function bash(program: Command): string {
  const all = entries(program);
  const top = visible(program).map((c) => c.name());
  const cases = all
    .map((e) => {
      const words = [...e.subcommands, ...e.options.flatMap((o) => o.flags)].join(' ');
      return `    "${e.path}") words="${words}" ;;`;
    })
    .join('\n');
  const valued = [...new Set(all.flatMap((e) => e.options.filter((o) => o.takesValue && !o.choices).flatMap((o) => o.flags)))].join('|');
  const chosen = new Map<string, string>();
  for (const o of all.flatMap((e) => e.options)) if (o.choices) for (const flag of o.flags) chosen.set(flag, o.choices.join(' '));
  const choiceCases = [...chosen].map(([flag, words]) => `    ${flag}) COMPREPLY=( $(compgen -W "${words}" -- "$cur") ); return ;;`).join('\n');
  return `# conform completion for bash: source <(conform completion bash), or save it in bash-completion's folder.
_conform() {
  local cur prev cmd words i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  cmd=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      -*) ;;
      *) if [[ -z "$cmd" ]]; then cmd="\${COMP_WORDS[i]}"; elif [[ "$cmd" == tokens && "\${COMP_WORDS[i-1]}" != -* ]]; then cmd="$cmd \${COMP_WORDS[i]}"; fi ;;
    esac
  done
  case "$prev" in
${choiceCases}
    ${valued}) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
  esac
  case "$cmd" in
    "") words="${top.join(' ')} --help --version" ;;
${cases}
    *) words="" ;;
  esac
  if [[ "$cur" == -* || -n "$words" && "$cmd" != validate && "$cmd" != publish ]]; then
    COMPREPLY=( $(compgen -W "$words" -- "$cur") )
  else
    COMPREPLY=( $(compgen -f -- "$cur") )
  fi
}
complete -o default -F _conform conform
`;
}

/** Text safe inside a zsh _arguments or _describe spec. */
const zshText = (text: string): string =>
  text
    .replace(/[[\]:'"()\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function zsh(program: Command): string {
  const all = entries(program);
  const describe = (names: { name: string; description: string }[]): string => names.map((n) => `'${n.name}:${zshText(n.description)}'`).join(' ');
  const cases = all
    .map((e) => {
      const specs = e.options.flatMap((o) =>
        o.flags.map((flag) => {
          const value = o.choices ? `(${o.choices.join(' ')})` : '_files';
          return `'${flag}[${zshText(o.description)}]${o.takesValue ? `:${flag.replace(/^-+/, '')}:${value}` : ''}'`;
        }),
      );
      const sub = e.subcommands.length
        ? `'1:command:((${e.subcommands.map((s) => `${s}\\:"${zshText(all.find((x) => x.path === `${e.path} ${s}`)?.description ?? '')}"`).join(' ')}))'`
        : `'*:file:_files'`;
      return `    '${e.path}') _arguments ${[...specs, sub].join(' ')} ;;`;
    })
    .join('\n');
  const top = visible(program).map((c) => ({ name: c.name(), description: c.summary() || c.description() }));
  return `#compdef conform
# conform completion for zsh: save as _conform in a folder on $fpath, or source <(conform completion zsh).
_conform() {
  local -a commands
  commands=(${describe(top)})
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  local cmd="\${words[2]}"
  if [[ "\${words[2]}" == tokens && CURRENT -gt 3 ]]; then cmd="tokens \${words[3]}"; shift words; (( CURRENT-- )); fi
  shift words; (( CURRENT-- ))
  case "$cmd" in
${cases}
  esac
}
if [[ "\${zsh_eval_context[-1]}" == loadautofunc ]]; then _conform "$@"; else compdef _conform conform; fi
`;
}

export function completionScript(program: Command, shell: 'bash' | 'zsh'): string {
  return shell === 'bash' ? bash(program) : zsh(program);
}
