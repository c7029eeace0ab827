"""Address forms of the people in a user's glossary (老庄 for 庄表伟): which terms are names,
which forms they get, and when a misheard form is changed."""

from __future__ import annotations

import pytest

from corrector.engine import Corrector
from corrector.glossary import Glossary, parse_txt
from corrector.lexicon import base_frequency
from corrector.names import surname_of, with_address_forms

SURNAMES = [
    ("庄表伟", "庄"),
    ("李俊", "李"),  # jieba knows it as a name
    ("王伟", "王"),
    ("歐陽娜娜", "歐陽"),  # a two-character surname, Traditional
    ("黃仁勳", "黃"),
    ("马上", None),  # an ordinary word that begins with a surname
    ("黄金", None),
    ("乱弹", None),  # 乱 is no surname
    ("哈利", None),  # Harry: 哈 mostly begins a transliteration
    ("后互联网时代的乱弹", None),
    ("NVIDIA", None),
    ("王", None),
]


@pytest.mark.parametrize("term, surname", SURNAMES)
def test_surname_of(term, surname):
    assert surname_of(term, base_frequency) == surname


def _user(text: str) -> Glossary:
    return parse_txt(text, "show.txt")


def test_forms_follow_the_names_script():
    terms = {e.term: e.derived_from for e in with_address_forms(_user("黃仁勳\n庄表伟\n"), base_frequency).entries}
    assert terms["老黃"] == terms["黃老師"] == terms["黃總"] == "黃仁勳"
    assert terms["老庄"] == terms["庄老师"] == "庄表伟"


def test_a_form_two_names_share_is_left_out():
    terms = {e.term for e in with_address_forms(_user("王伟\n王小明\n李俊\n"), base_frequency).entries}
    assert "老王" not in terms and "王老师" not in terms
    assert "老李" in terms


def test_a_form_the_user_lists_is_kept_as_written():
    glossary = with_address_forms(_user("庄表伟\n老庄 | 老装\n"), base_frequency)
    [form] = [e for e in glossary.entries if e.term == "老庄"]
    assert form.aliases == ("老装",) and form.derived_from == "庄表伟"  # still an address form


# (user glossary, transcript, expected)
CASES = [
    # the form written correctly elsewhere is the evidence
    ("庄表伟", "我跟我们老庄还有王老师。老张最近拿到一个盒子。", "我跟我们老庄还有王老师。老庄最近拿到一个盒子。"),
    # so is the full name nearby
    ("庄表伟", "庄表伟是我们的主播，老张最近拿到一个盒子。", "庄表伟是我们的主播，老庄最近拿到一个盒子。"),
    # without either, 老张 may be anyone
    ("庄表伟", "老张最近拿到一个盒子。", "老张最近拿到一个盒子。"),
    # a 张 the user lists is a correct name
    ("庄表伟\n张三", "我跟老庄说过。老张最近拿到一个盒子。", "我跟老庄说过。老张最近拿到一个盒子。"),
    # another surname that does not sound alike is left alone
    ("庄表伟", "我跟老庄说过。老王最近拿到一个盒子。", "我跟老庄说过。老王最近拿到一个盒子。"),
]


@pytest.mark.parametrize("terms, before, after", CASES)
def test_address_forms_in_text(terms, before, after, tmp_path):
    (tmp_path / "show.txt").write_text(terms + "\n", encoding="utf-8")
    from corrector.glossary import load_all

    corrector = Corrector(load_all([tmp_path / "show.txt"], bundled=False))
    result = corrector.correct(before)
    assert result.text == after, [(c.before, c.after, c.reason) for c in result.corrections]
    assert corrector.correct(result.text).text == result.text
    for c in result.corrections:
        assert "how 庄表伟 is addressed" in c.reason


def test_a_rejection_learnt_for_a_form_stays_local(tmp_path):
    """A not_near written for 老庄 (as `learn` writes one after a rejected change) blocks the
    change near that word only; elsewhere 老张 is still matched as 庄表伟's address form."""
    from corrector.glossary import load_all

    (tmp_path / "show.yaml").write_text(
        "entries:\n- term: 庄表伟\n- term: 老庄\n  not_near: [隔壁]\n", encoding="utf-8"
    )
    corrector = Corrector(load_all([tmp_path / "show.yaml"], bundled=False))
    far = "今天天气很好，我们先聊一聊最近的新闻，然后再看看大家的留言，最后回答几个问题。" * 2
    text = f"我跟老庄说过。隔壁的老张来了。{far}老张最近拿到一个盒子。"
    assert corrector.correct(text).text == f"我跟老庄说过。隔壁的老张来了。{far}老庄最近拿到一个盒子。"
