"""The layer contract: data flows one way through tool/hosei's subpackages, and only the CLI imports click.

Every import in every module (also the ones inside functions) is read with ast and resolved to the layer it names;
a module may import from its own layer or a lower one. A new module in an unknown folder fails the test too, so
the picture in the README's design notes stays complete.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "tool" / "hosei"

#: Lowest first; the README's design notes draw the same picture.
LAYERS = ["core", "text", "history", "compare", "amend", "drafting", "analysis", "render", "cli"]


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py"))


def _dotted(path: Path) -> list[str]:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    return ["hosei", *parts]


def _layer(dotted: list[str]) -> int:
    """The layer of hosei.<layer>…; the package's own __init__, __main__ and entry (the console script, which
    answers `hosei --help` before the CLI is imported) are the entry point (the CLI's level)."""
    if len(dotted) < 2 or dotted[1] in ("__init__", "__main__", "entry"):
        return LAYERS.index("cli")
    if dotted[1] not in LAYERS:
        raise AssertionError(f"hosei.{dotted[1]} is in no layer; add it to LAYERS and the README's picture")
    return LAYERS.index(dotted[1])


def _imports(path: Path) -> list[tuple[int, list[str]]]:
    return _imports_of(path.read_text(encoding="utf-8"), _dotted(path))


def _imports_of(source: str, here: list[str]) -> list[tuple[int, list[str]]]:
    """(line, absolute dotted name) of every import in a module's source, relative ones resolved from `here`."""
    tree = ast.parse(source)
    package = here[:-1]
    found: list[tuple[int, list[str]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name.split(".")) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = base + (node.module.split(".") if node.module else [])
                if node.module is None:  # from . import x: each name is a module of that package
                    found += [(node.lineno, target + [alias.name]) for alias in node.names]
                else:
                    found.append((node.lineno, target))
            elif node.module:
                found.append((node.lineno, node.module.split(".")))
    return found


def test_every_module_is_in_a_layer() -> None:
    for path in _modules():
        _layer(_dotted(path))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_go_down_the_layers_only(path: Path) -> None:
    own = _layer(_dotted(path))
    for line, target in _imports(path):
        if target[0] != "hosei" or len(target) < 2:
            continue
        if (PACKAGE / target[1]).is_dir() or (PACKAGE / f"{target[1]}.py").is_file():
            assert _layer(target) <= own, (
                f"{path.relative_to(PACKAGE)}:{line} imports {'.'.join(target)} from a higher layer"
            )


def test_only_the_cli_imports_click() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}:{line}"
        for path in _modules()
        if _layer(_dotted(path)) != LAYERS.index("cli")
        for line, target in _imports(path)
        if target[0] == "click"
    ]
    assert offenders == []


def test_a_higher_import_is_caught() -> None:
    """The contract can fail: a core module importing the CLI, also inside a function, is seen as such."""
    source = "from .model import Law\n\ndef f():\n    from ..cli import main\n"
    imports = _imports_of(source, ["hosei", "core", "probe"])
    assert imports == [(1, ["hosei", "core", "model"]), (4, ["hosei", "cli"])]
    assert _layer(imports[1][1]) > _layer(["hosei", "core", "probe"])


def test_the_numeral_characters_are_spelled_out_in_one_module() -> None:
    """Patterns of numbers compose core/numerals.py's constants (DIGITS, KANJI_NUMERALS, NUMBER_RUN …): a run of
    three kanji digits in order (〇一二, 一二三 …) anywhere else is a character class written by hand."""
    digits = "〇一二三四五六七八九"
    runs = [digits[i : i + 3] for i in range(len(digits) - 2)]
    offenders = [
        f"{path.relative_to(PACKAGE)}:{n}"
        for path in _modules()
        if path != PACKAGE / "core" / "numerals.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if any(run in line for run in runs)
    ]
    assert offenders == []


def test_no_html_is_written_in_python_strings() -> None:
    """Every page comes from a template in hosei/pages (Jinja2, autoescaping on): no module spells out markup."""
    import io
    import re
    import tokenize

    tag = re.compile(
        r"(?<!\?P)<(?:html|head|body|table|thead|tbody|tr|td|th|div|span|p|h[1-6]|ins|del|u|br|ul|li|a|details|style)[ >/]"
    )
    offenders = []
    for path in _modules():
        source = path.read_text(encoding="utf-8")
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            placeholder = re.fullmatch(r"""[rbf]*["']<[a-z]+>["']""", tok.string)  # a source name: "<html>"
            if (
                tok.type == tokenize.STRING
                and not tok.string.startswith(('"""', "'''"))
                and not placeholder
                and tag.search(tok.string)
            ):
                offenders.append(f"{path.relative_to(PACKAGE)}:{tok.start[0]}")
    assert offenders == []
