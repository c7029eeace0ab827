"""Glossary files: both formats, merging, and clear errors for broken files."""

from __future__ import annotations

from pathlib import Path

import pytest

from corrector.glossary import GlossaryError, load, load_all, parse_txt, parse_yaml


def test_txt_terms_aliases_comments_and_protected_words():
    g = parse_txt("# show terms\n科技浪\nLex Fridman | Lex Freeman | Lex Reven  # host\n\n!高校\n", "show.txt")
    assert [e.term for e in g.entries] == ["科技浪", "Lex Fridman"]
    assert g.entries[1].aliases == ("Lex Freeman", "Lex Reven")
    assert g.entries[1].line == 3
    assert g.protected == {"高校"}


def test_yaml_full_entry():
    g = parse_yaml(
        """
domain: chips
entries:
- term: 輝達
  tw: 輝達
  cn: 英伟达
  aliases: [灰達]
  context: [NVIDIA, GPU]
  not_near: [回答問題]
  pronounce: hui1 da2
  suggest_only: false
- 張量
""",
        "chips.yaml",
        domain="x",
    )
    first, second = g.entries
    assert (first.term, first.tw, first.cn, first.domain) == ("輝達", "輝達", "英伟达", "chips")
    assert first.context == ("NVIDIA", "GPU") and first.not_near == ("回答問題",) and first.pronounce == "hui1 da2"
    assert second.term == "張量"


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("entries:\n- term: a\n  bogus: 1\n", 3, "unknown field 'bogus'"),
        ("entries:\n- term: a\n- term: a\n", 3, "duplicate term"),
        ("entries:\n- context: [x]\n", 2, "no 'term'"),
        ("entries:\n- term: [a, b]\n", 2, "'term' must be text"),
        ("entries:\n- term: a\n  suggest_only: maybe\n", 3, "true or false"),
        ("entries:\n- term: 软体\n  tw: 软体\n", 2, "Simplified characters"),
        ("entries:\n- term: 軟體\n  cn: 軟體\n", 2, "Traditional characters"),
        ("entries: [\n", 2, "invalid YAML"),
        ("- a\n- b\n", 1, "top level must be a mapping"),
        ("domain: x\n", 1, "missing 'entries'"),
    ],
)
def test_yaml_errors_name_the_line(text, line, message):
    with pytest.raises(GlossaryError) as err:
        parse_yaml(text, "bad.yaml", domain="x")
    assert err.value.line == line and message in err.value.message
    assert str(err.value).startswith(f"bad.yaml:{line}: ")


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("missing.txt", None, "no such file"),
        ("terms.csv", "a,b", "unknown glossary format"),
        ("latin1.txt", "caf\xe9".encode("latin-1"), "not valid UTF-8"),
        ("empty-term.txt", "| alias\n".encode(), "empty term"),
    ],
)
def test_file_errors(tmp_path: Path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(GlossaryError) as err:
        load(path)
    assert message in str(err.value) and str(path) in str(err.value)


def test_user_entry_merges_into_bundled_one(tmp_path: Path):
    user = tmp_path / "mine.txt"
    user.write_text("輝達 | 揮達\n", encoding="utf-8")
    g = load_all([user])
    entry = next(e for e in g.entries if e.term == "輝達")
    assert "揮達" in entry.aliases and not entry.bundled
    assert sum(e.term == "輝達" for e in g.entries) == 1


def test_domains_select_bundled_files():
    g = load_all(domains=["people"])
    assert {e.domain for e in g.entries} == {"people"}
    with pytest.raises(GlossaryError, match="unknown domain"):
        load_all(domains=["no-such-domain"])


@pytest.mark.parametrize(
    "yaml_text, expected",
    [
        # relations go both ways (曦雲 lists 沐曦); a word that is no term adds nothing
        (
            "entries:\n- term: 沐曦\n  context: [GPU]\n- term: 曦雲\n  context: [沐曦, 加速卡]\n- term: CUDA\n",
            {"沐曦": ("GPU", "曦雲"), "曦雲": ("沐曦", "加速卡"), "CUDA": ()},
        ),
        # a context word that is a term counts in both regions' words
        (
            "entries:\n- term: 晶片\n  tw: 晶片\n  cn: 芯片\n- term: 燧原\n  context: [晶片, 騰訊]\n",
            {"燧原": ("晶片", "騰訊", "芯片"), "晶片": ("燧原",)},
        ),
    ],
)
def test_related_context(yaml_text, expected):
    from corrector.glossary import with_related_context

    glossary = parse_yaml(yaml_text, "g.yaml", domain="hardware")
    related = {e.term: e.context for e in with_related_context(glossary).entries}
    assert {term: related[term] for term in expected} == expected


def test_a_mainland_form_may_keep_a_variant_character():
    """昇 of 昇腾 is what Huawei writes, though OpenCC would make it 升: a Mainland form, not a
    Traditional one."""
    (entry,) = parse_yaml("entries:\n- term: 昇騰\n  tw: 昇騰\n  cn: 昇腾\n", "g.yaml", domain="x").entries
    assert entry.cn == "昇腾"
