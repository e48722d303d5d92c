"""The command line in Chinese: help pages and usage errors, through click's own hooks.

Click writes its help and its usage errors in English ("Usage:", "Options:", "Error: No such
option…"). The users read Chinese only, so every command here is a `Command` or `Group` of this
module: their context formats headings, usage lines and option defaults in Chinese, the parameter
types fail with Chinese messages, and `Group.main` turns each usage error into one Chinese line
naming the option and what it accepts (exit 2), from the exception's own fields, never by rewriting
click's English text.
"""

from __future__ import annotations

import re
import sys

import click
from click import exceptions as ce
from rich.cells import cell_len

HELP = "显示本帮助并退出"
_CLOSING = set("）)，,。.；;、：:！!？?”』」》")  # never at the start of a line


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` terminal cells: Chinese breaks between any two characters, a Latin
    word or an option name is kept whole."""
    lines, line = [], ""
    for token in re.findall(r"[\w\-./:=\[\]<>|*'\"@+]+|\s+|.", text, flags=re.ASCII):
        if line and cell_len(line + token) > width and token not in _CLOSING:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    return [*lines, line.rstrip()] if line.strip() else lines


class Formatter(click.HelpFormatter):
    """Headings with a Chinese colon, and definition lists measured in terminal cells (a Chinese
    character is two), so the help neither overflows nor cuts a command's summary."""

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((cell_len(a) for a, _ in rows), default=0), col_max) + col_spacing
        text_width = max(self.width - first_col - self.current_indent - 2, 20)
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if cell_len(first) <= first_col - col_spacing:
                self.write(" " * (first_col - cell_len(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = _wrap(second, text_width) or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * (first_col + self.current_indent) + line + "\n")


class Context(click.Context):
    formatter_class = Formatter


class Choice(click.Choice):
    """click.Choice that says, in Chinese, which values are allowed."""

    def get_invalid_choice_message(self, value, ctx) -> str:
        return f"取值“{value}”无效，可选：{'、'.join(map(str, self.choices))}"

    def get_metavar(self, param, ctx) -> str:
        return "[" + "|".join(map(str, self.choices)) + "]"


class Integer(click.ParamType):
    """A whole number, optionally within [min, max], refused in Chinese."""

    name = "整数"

    def __init__(self, min: int | None = None, max: int | None = None) -> None:
        self.min, self.max = min, max

    def convert(self, value, param, ctx) -> int:
        if isinstance(value, int):
            number = value
        else:
            try:
                number = int(str(value).strip())
            except ValueError:
                self.fail(f"取值“{value}”不是整数", param, ctx)
        if (self.min is not None and number < self.min) or (self.max is not None and number > self.max):
            self.fail(f"取值 {number} 超出范围，应为 {self.describe()}", param, ctx)
        return number

    def describe(self) -> str:
        if self.min is not None and self.max is not None:
            return f"{self.min}–{self.max}"
        return f"不小于 {self.min}" if self.min is not None else f"不大于 {self.max}" if self.max is not None else "整数"


def _help_record(param: click.Parameter, ctx: click.Context) -> tuple[str, str] | None:
    """An option's line of the help: its names and help text, with the default and the range in
    Chinese (click's own adds "[default: …]")."""
    if not isinstance(param, click.Option) or param.hidden:
        return None
    extra = param.get_help_extra(ctx)
    notes = [*([f"默认：{extra['default']}"] if "default" in extra else []),
             *([f"范围：{param.type.describe()}"] if isinstance(param.type, Integer) else []),
             *(["必填"] if param.required else [])]
    text = (param.help or "") + (f"（{'；'.join(notes)}）" if notes else "")
    names = ", ".join(sorted(param.opts, key=len))
    return f"{names} {_metavar(param, ctx)}".rstrip(), text


def _metavar(param: click.Option, ctx: click.Context) -> str:
    """What an option takes, in Chinese (click's are the type names TEXT, PATH, INTEGER)."""
    if param.metavar:
        return param.metavar
    if param.is_flag or param.count:
        return ""
    if isinstance(param.type, click.Choice):
        return param.type.get_metavar(param, ctx)
    return {click.Path: "路径", Integer: "整数"}.get(type(param.type), "文本")


class _Chinese:
    """What a Chinese Command and Group share: the context, the usage line, options, --help."""

    context_class = Context

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix="用法：")

    def format_options(self, ctx, formatter) -> None:
        rows = [r for r in (_help_record(p, ctx) for p in self.get_params(ctx)) if r]
        if rows:
            with formatter.section("选项"):
                formatter.write_dl(rows)

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP
        return option


class Command(_Chinese, click.Command):
    """A subcommand. Extra arguments are let through click's parser and refused here, in Chinese."""

    allow_extra_args = True

    def parse_args(self, ctx, args):
        try:
            rest = super().parse_args(ctx, args)
        except click.UsageError as exc:  # the parser's errors come without the command they are of
            exc.ctx = exc.ctx or ctx
            raise
        if ctx.args and not ctx.resilient_parsing:
            raise click.UsageError(f"多余的参数：{' '.join(ctx.args)}", ctx)
        return rest


class Group(_Chinese, click.Group):
    """A group whose subcommands and subgroups are Chinese too; at the top, every usage error is one
    Chinese line on stderr with exit 2 (`main`)."""

    command_class = Command
    group_class = type

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("subcommand_metavar", "命令 [参数]...")
        super().__init__(*args, **kwargs)

    def format_options(self, ctx, formatter) -> None:
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx, formatter) -> None:
        """Each command with the first sentence of its help, whole (click's cuts it to the width)."""
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.short_help or (cmd.help or "").split("。")[0].strip() + "。"))
        if rows:
            with formatter.section("命令"):
                formatter.write_dl(rows)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except ce.NoArgsIsHelpError as exc:
            click.echo(exc.ctx.get_help())
            code = 0
        except click.ClickException as exc:
            click.echo(f"错误：{describe(exc)}", err=True)
            code = exc.exit_code
        except click.Abort:
            click.echo("已取消。", err=True)
            code = 1
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)


def _help_hint(ctx: click.Context | None) -> str:
    return f"（用 {ctx.command_path} --help 查看用法）" if ctx is not None else ""


def _param_name(param: click.Parameter | None) -> str:
    """An option by its names (--engine), an argument by its Chinese metavar (导出文件...)."""
    if param is None:
        return "参数"
    if isinstance(param, click.Argument):
        return (param.metavar or param.human_readable_name).rstrip(".")
    return "/".join(param.opts) + " "


def describe(exc: click.ClickException) -> str:
    """One Chinese line for a usage error, from the exception's fields."""
    ctx = getattr(exc, "ctx", None)
    hint = _help_hint(ctx)
    if isinstance(exc, ce.NoSuchCommand):
        known = "、".join(c for c in ctx.command.list_commands(ctx)) if ctx else ""
        close = f"，是否要用 {'、'.join(exc.possibilities)}" if exc.possibilities else ""
        return f"没有命令“{exc.command_name}”{close}；可用的命令：{known}{hint}"
    if isinstance(exc, ce.NoSuchOption):
        close = f"，是否要用 {'、'.join(exc.possibilities)}" if exc.possibilities else ""
        return f"没有选项 {exc.option_name}{close}{hint}"
    if isinstance(exc, ce.BadOptionUsage):
        params = ctx.command.params if ctx else []
        option = next((p for p in params if exc.option_name in getattr(p, "opts", ())), None)
        if getattr(option, "is_flag", False):
            return f"选项 {exc.option_name} 是开关，后面不带取值{hint}"
        return f"选项 {exc.option_name} 后面缺少取值{hint}"
    if isinstance(exc, ce.MissingParameter):
        usage = f"；用法：{ctx.command_path} {' '.join(ctx.command.collect_usage_pieces(ctx))}" if ctx else ""
        return f"缺少{_param_name(exc.param).strip()}{usage}{hint}"
    if isinstance(exc, ce.BadParameter):
        return f"{_param_name(exc.param)}的{exc.message}{hint}" if exc.param else f"{exc.message}{hint}"
    if isinstance(exc, click.UsageError):
        return f"{exc.message}{hint}"
    return exc.format_message()
