"""The config file: found in the folder or a parent, corrector.toml before pyproject.toml,
command-line options over it, every value with its source, errors as one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from corrector import cli_review  # noqa: F401  (registers the commands on main)
from corrector import config as C
from corrector.cli import main
from corrector.settings import Settings

CONFIG = """\
glossaries = ["terms.txt"]
domains = ["ai"]
aliases = false
decisions = "reviews/{stem}.json"

[thresholds]
zh_min_similarity_2 = 0.9
zh_lm_window = 5
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "corrector.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "terms.txt").write_text("英聽\n", encoding="utf-8")
    inner = tmp_path / "talks" / "2024"
    inner.mkdir(parents=True)
    monkeypatch.chdir(inner)
    return tmp_path


def test_defaults_without_a_file(tmp_path):
    config = C.load_config(tmp_path)
    assert config.path is None
    assert config.settings() == Settings()
    assert config.glossary_paths() == [] and config.domain_names() is None and config.use_bundled()
    assert config.decisions_path("talks/a.txt") == Path("talks/a.decisions.json")


def test_the_closest_file_in_a_parent_folder(project):
    config = C.load_config()
    assert config.path == project / "corrector.toml"
    assert config.glossary_paths() == [str(project / "terms.txt")]  # relative to the file
    assert config.domain_names() == ["ai"]
    settings = config.settings()
    assert settings.zh_min_similarity_2 == 0.9 and settings.zh_lm_window == 5 and settings.use_aliases is False
    assert settings.zh_min_similarity_long == Settings().zh_min_similarity_long
    assert config.decisions_path("x/talk.txt") == project / "reviews" / "talk.json"
    assert config.thresholds["zh_min_similarity_2"].source == str(project / "corrector.toml")
    assert config.thresholds["zh_min_similarity_long"].source == "default"


def test_pyproject_table_and_precedence(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.corrector]\ndomains = ["cloud"]\n', encoding="utf-8")
    assert C.load_config(tmp_path).domain_names() == ["cloud"]
    inner = tmp_path / "a"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "y"\n', encoding="utf-8")  # no table: passed over
    assert C.load_config(inner).path == tmp_path / "pyproject.toml"
    (inner / "corrector.toml").write_text('domains = ["ai"]\n', encoding="utf-8")
    assert C.load_config(inner).domain_names() == ["ai"]


def test_command_line_overrides(project):
    config = C.apply_to(C.load_config(), glossaries=["mine.txt"], domains=["cloud"], no_bundled=True, decisions="d.json", thresholds={"zh_lm_window": 3})
    assert config.glossary_paths() == ["mine.txt"] and config.glossaries.source == "command line"
    assert config.domain_names() == ["cloud"] and config.use_bundled() is False
    assert config.decisions_path("talk.txt") == Path("d.json")
    assert config.settings().zh_lm_window == 3 and config.settings().zh_min_similarity_2 == 0.9
    # flags not given leave the file's values alone
    assert C.apply_to(C.load_config()).aliases.value is False


@pytest.mark.parametrize(
    "text, message",
    [
        ("colour = 1\n", "unknown key 'colour'"),
        ("[thresholds]\nzh_min_similarity_9 = 1.0\n", "unknown threshold 'zh_min_similarity_9'"),
        ('[thresholds]\nzh_lm_window = 2.5\n', "'zh_lm_window' must be a whole number"),
        ('[thresholds]\nzh_min_similarity_2 = "high"\n', "must be a number"),
        ("glossaries = [1]\n", "'glossaries' must be a list of text"),
        ("aliases = 1\n", "'aliases' must be true or false"),
        ('decisions = "{input}.json"\n', "only {name} and {stem}"),
        ("glossaries = [\n", "invalid TOML"),
    ],
)
def test_errors_name_the_file_and_the_key(tmp_path, text, message):
    (tmp_path / "corrector.toml").write_text(text, encoding="utf-8")
    with pytest.raises(C.ConfigError, match=message.replace("{", r"\{").replace("}", r"\}")) as info:
        C.load_config(tmp_path)
    assert str(info.value).startswith(str(tmp_path / "corrector.toml"))


def test_an_integer_is_a_float_threshold(tmp_path):
    (tmp_path / "corrector.toml").write_text("[thresholds]\nzh_min_similarity_2 = 1\n", encoding="utf-8")
    assert C.load_config(tmp_path).settings().zh_min_similarity_2 == 1.0


def test_config_show(project):
    out = CliRunner().invoke(main, ["config", "show", "--domain", "cloud"], catch_exceptions=False)
    assert out.exit_code == 0
    lines = out.output.splitlines()
    assert lines[0] == f"# config file: {project / 'corrector.toml'}"
    assert any(line.startswith('domains = ["cloud"]') and line.endswith("# command line") for line in lines)
    assert any(line.startswith("aliases = false") and line.endswith(f"# {project / 'corrector.toml'}") for line in lines)
    assert any(line.startswith("zh_min_similarity_2 = 0.9 ") for line in lines)
    assert any(line.startswith("zh_min_similarity_long = 0.88") and line.endswith("# default") for line in lines)


def test_config_errors_exit_2(tmp_path, monkeypatch):
    (tmp_path / "corrector.toml").write_text("colour = 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(main, ["config", "show"])
    assert out.exit_code == 2
    assert out.output.startswith("corrector: ") and "unknown key 'colour'" in out.output


def test_commands_use_the_config(project):
    """review/apply find the decisions where the config puts them, with its glossaries."""
    (project / "talks" / "2024" / "talk.txt").write_text("我的硬聽已經很好了\n", encoding="utf-8")
    from corrector import decisions as D
    from corrector.cli_review import setup

    config, corrector = setup()
    assert any(e.term == "英聽" for e in corrector.glossary.entries)
    assert corrector.settings.use_aliases is False
    result = corrector.correct("我的硬聽已經很好了\n")
    decisions = D.Decisions.for_text("talk.txt", "我的硬聽已經很好了\n")
    decisions.set(D.decide(result.corrections[0], result.original, D.Verdict.ACCEPT))
    (project / "reviews").mkdir()
    D.write(project / "reviews" / "talk.json", decisions)
    out = CliRunner().invoke(main, ["apply", "talk.txt"], catch_exceptions=False)
    assert out.exit_code == 0, out.output
    assert out.stdout == "我的英聽已經很好了\n"


def test_fix_and_diff_use_the_config(project):
    """The config's glossaries, domains and thresholds reach fix and diff; the command line wins."""
    talk = project / "talks" / "2024" / "talk.txt"
    talk.write_text("我的硬聽已經很好了\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["fix", "talk.txt"], catch_exceptions=False).stdout == "我的英聽已經很好了\n"
    report = runner.invoke(main, ["diff", "talk.txt", "--format", "json"], catch_exceptions=False).stdout
    assert '"after": "英聽"' in report
    (project / "corrector.toml").write_text(CONFIG.replace("zh_min_similarity_2 = 0.9", "zh_min_similarity_2 = 0.99") + "zh_min_similarity_2_user = 0.99\n", encoding="utf-8")
    assert runner.invoke(main, ["fix", "talk.txt"], catch_exceptions=False).stdout == "我的硬聽已經很好了\n"
