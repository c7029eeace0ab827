"""What the corrector must change and what it must leave alone, case by case.

Each case is a short transcript fragment with the bundled glossaries and the example show's
terms. MUST_CHANGE gives the expected text; MUST_NOT_CHANGE fragments come back unchanged.
"""

from __future__ import annotations

from pathlib import Path

import pytest

MUST_CHANGE = [
    # Chinese: same syllables, other characters
    ("這些Tensor 也就是張亮的運算", "這些Tensor 也就是張量的運算"),
    ("用一個東西叫做灰達的GPU NVIDIA的GPU", "用一個東西叫做輝達的GPU NVIDIA的GPU"),
    ("這就是一個韓式庫的用法", "這就是一個函式庫的用法"),
    ("臉書的創辦人竹克柏說", "臉書的創辦人祖克柏說"),
    # Chinese: two syllables heard as one
    ("這是一個大型原模型的訓練", "這是一個大型語言模型的訓練"),
    # the show's own terms (user glossary)
    ("我的硬聽已經很好了", "我的英聽已經很好了"),
    ("王子緣的高校硬聽學習法贊助播出", "王子緣的高效英聽學習法贊助播出"),
    ("這集夜配就到這邊", "這集業配就到這邊"),
    # Chinese: the standard characters OpenCC writes for a name that keeps a variant, with context
    ("华为展示了它的升腾的一个算力集群", "华为展示了它的昇腾的一个算力集群"),
    # Chinese: a protected word inside a long term said syllable for syllable, with context
    ("中心国际是大陆最大的晶圆代工厂", "中芯国际是大陆最大的晶圆代工厂"),
    # Chinese: a word heard as another word, where the phrase it makes with its neighbour is known
    ("我们在开元社区提交了第一个补丁", "我们在开源社区提交了第一个补丁"),
    # Chinese: regional forms that sound the same: the transcript's own is written
    ("聯準會前主席葛林斯盤曾經說過", "聯準會前主席葛林斯潘曾經說過"),
    ("美联储前主席格林斯盘曾经说过", "美联储前主席格林斯潘曾经说过"),
    # Chinese: a common character at the span's edge that is the term's syllable, tone and all
    ("这个就是典型的过你和，训练集上很好", "这个就是典型的过拟合，训练集上很好"),
    # English: very common words standing alone that say a name, with the topic's words around
    ("用Long Chain可以很快搭一个RAG的原型", "用LangChain可以很快搭一个RAG的原型"),
    # Chinese: a word that sounds exactly like the name, where two of its context words say which
    ("清华团队开源了GLM模型，质谱这家公司很低调", "清华团队开源了GLM模型，智谱这家公司很低调"),
    # Chinese: ordinary words that say a long term syllable for syllable, with context
    ("单元测试写完以后再补几个测试用力", "单元测试写完以后再补几个测试用例"),
    # English: canonical spelling and case
    ("NVIDIA的Cuda生態系", "NVIDIA的CUDA生態系"),
    ("是這個Tensorflow嘛", "是這個TensorFlow嘛"),
    ("Google的Alpha code 2模型", "Google的AlphaCode 2模型"),
    ("AMD的MI 300出貨了", "AMD的MI300出貨了"),
    ("免費版的Chat GPT也就是GPT 3.5", "免費版的ChatGPT也就是GPT-3.5"),
    ("跟GPT 4是同等級的", "跟GPT-4是同等級的"),
    # English: sounds alike
    ("Google的POM P-A-L-M那這個POM模型", "Google的PaLM P-A-L-M那這個PaLM模型"),
    ("叫做3D Tourist Topology意思就是說", "叫做3D Torus Topology意思就是說"),
    ("我剛剛聽完Lex Freeman Podcast最新的一集", "我剛剛聽完Lex Fridman Podcast最新的一集"),
    ("OpenAI的CEO Sam Almond都會看", "OpenAI的CEO Sam Altman都會看"),
    ("它是一個Dance Model就是它不是很多小模型", "它是一個Dense Model就是它不是很多小模型"),
    ("然後再加Jeth Bezos就可以找到了", "然後再加Jeff Bezos就可以找到了"),
    # English: a short name with a number, the number heard exactly
    ("GBT4的能力很强", "GPT4的能力很强"),
    # English: a term's first sound written as a Chinese character, with context
    ("这个插件叫入code，跟Cline差不多", "这个插件叫Roo Code，跟Cline差不多"),
    # English: an acronym in lower case that English only spells out
    ("这个模型用gpu跑得很快", "这个模型用GPU跑得很快"),
    ("调用api的时候要带上密钥", "调用API的时候要带上密钥"),
    # English: a one-word name heard as ordinary words, alone among the Chinese
    ("他原来是open I的一个研究员", "他原来是OpenAI的一个研究员"),
    ("代码都放在get hub上面", "代码都放在GitHub上面"),
    # English: the acronym a name is built on, written as it is, says which name is meant
    ("我用ChartGPT写了一个脚本", "我用ChatGPT写了一个脚本"),
    # English: a name with its version, the version as said
    ("Jemini 2.5的推理能力很强", "Gemini 2.5的推理能力很强"),
    ("用Chart GPT写的", "用ChatGPT写的"),
    # English: a word no dictionary has is read with a hard g too (Gitty as in git)
    ("国内的项目可以托管在Gitty上", "国内的项目可以托管在Gitee上"),
    # English: names whose sounds-like hints spell a vowel with h (grah fah nah), or that split
    # into pieces too short to be words (an-th-ro-pic), are heard as said
    ("這個監控用Graphana看GPU的使用率", "這個監控用Grafana看GPU的使用率"),
    ("Anthropy的Claude模型很強", "Anthropic的Claude模型很強"),
    # English: capitals heard as others where the name has as many (GBT for the GPT of ChatGPT)
    ("我用Chat GBT问了一下", "我用ChatGPT问了一下"),
    # English: the name's first or last word as it is, the words between not one to one
    ("Amazon Bad Rock上面可以调用Claude", "Amazon Bedrock上面可以调用Claude"),
    ("Sam Old Man说AGI快来了", "Sam Altman说AGI快来了"),
    # English: a coined name with capitals inside, written in lower case
    ("我昨天買了新的iphone", "我昨天買了新的iPhone"),
    ("苹果的Ipad Pro也换了M4芯片", "苹果的iPad Pro也换了M4芯片"),
    # English: a name written as two words (a word of the glossary inside, case aside)
    ("前端用的是Type script，后端是Node", "前端用的是TypeScript，后端是Node"),
    # Chinese: a name written with characters that are the same in Simplified, with context
    ("廣達董事長林百裡表示AI伺服器出貨強勁", "廣達董事長林百里表示AI伺服器出貨強勁"),
    # English: an acronym run together with the next word, heard as a letter (key as K)
    ("都只需要配一个APIK就可以了", "都只需要配一个API key就可以了"),
    # English: a less common word, when the document writes the term elsewhere
    ("我很喜欢用Claude写代码，后来又让clawed帮我改了一遍", "我很喜欢用Claude写代码，后来又让Claude帮我改了一遍"),
]

MUST_NOT_CHANGE = [
    # ordinary words that share a term's sound
    "他的回答很好",  # 回答 sounds like 輝達
    "研究中心的歷史很長",
    "這個設備的費用是美金一百",
    "我要聽你的回答",
    "去找人跑一跑",
    "通訊協議要先講好",
    "王子緣老師是誰呢",
    "比如說找人幫忙做個PPT",
    # correct terms stay as they are, in either region's form
    "輝達的張量核心",
    "英伟达的张量核心",
    "演算法和記憶體",
    "算法和内存",
    "函式庫和函数库",
    "大语言模型",
    "烟雾升腾起来",  # ... and without context it is the ordinary word
    "唐朝开元年间",  # 开元 the era: no phrase with 开源 around it
    "我们的研究中心国际化程度很高",  # 中心 stays where no context says 中芯国际
    "他住在开元酒店",
    "你们公司用的是哪家的云服务",  # 的 is not the 德 of a bundled three-character name (拉加德)
    "我朋友买了一台极氪玩得很开心",  # a correct name is not taken into a longer one (极客湾) without context
    "Rich Sutton寫了那篇文章",  # a short form of a name is the name
    "我們明天中午要check out飯店",  # a verb and its particle, not checkout
    "这是一个client server的架构",  # an ordinary phrase is as right with a space as with a hyphen
    "这个游戏是专门给极客玩的",  # a common word and a verb beside it are not a short name (极客湾)
    # the idiom: Loki written elsewhere in the document says nothing about it
    "我覺得這件事可以 low key 一點處理，不用太高調。大家下班以後早點回家休息，明天早上九點準時開會，會議室在三樓，記得帶筆電。另外 Loki 是北歐神話裡的神",
    "他說 the fire ship sank near the harbour 然後就走了",  # inside an English sentence words are words
    "He works as a consul at the embassy，遊戲機的 console 也很多人玩",
    "质谱仪是清华化学系最贵的设备",  # one context word does not tell 质谱 from 智谱
    # a question is a question: 吗 is a particle, not the 么 of 饿了么
    "你饿了吗？我们去吃饭吧",
    "你餓了嗎？",
    # everyday words jieba's dictionary lacks are words all the same (极客 is no misheard 极氪)
    "极氪的车很好看，我们这些极客更关心芯片",
    "铅球项目的克里斯蒂娜斯齐万兹",  # a foreign name is not 期望值, slightly off in every syllable
    # English words that are not terms
    "TPU V4的Pod TPU就是Google",
    "Google Cloud Platform 去出租這些TPU",
    "在Cloud AI Computer這個市場",
    "不像是OpenAI的GPT-4 是一個sparse model",
    "他是一個dense model 不是一個sparse model",
    "跟GPT也不一樣",
    "Oh sorry I don't understand 或者是Can you say it again?",
    "這個Podcast的資訊欄",
    "H-A-R-R-Y全部都小寫",
    "是Gemini的part 2 就是",
    "PaLM2和PaLM 2都可以",
    # plurals of terms are correct too
    "這些language models很強",
    "Large Language Models的發展",
    "我們有很多GPUs",
    # a Chinese character before English words is Chinese, without context
    "我們做agent的時候",
    "另外coding也可以",
    "先寫code再測試",
    # acronyms that are also English words stay as written
    "你can做這個嗎",
    "我們us市場的部分",
    # ... but not inside an English sentence, nor a phrase that is not a name's sound
    "他說I think open I is right",
    "這個open source的專案",
    "你可以email or call我",
    # a name built on an acronym keeps an ordinary word its own (palm is a palm)
    "谷歌的palm模型和Gemini",
    "這個房間裡面很熱",
    # an everyday word written as in a term carries only a near word with it (Green Push is no
    # git push); a word is not split to make a letter of a name (models is not Model S)
    "他在Green Push上面写代码",
    "我们用provide engineering来部署模型",
    "这些models的效果都不错",
    "用model ice训练",
    # a word that is nearer another term together with its neighbour is left for review
    "用Cooper Netties部署",
    # a version said is not a longer name (Gemini 2.5 is not Gemini 2.5 Pro)
    "Gemini 2.5的推理能力很强",
    # other names built on the same acronym
    "这个MetaGPT框架",
    "AutoGPT很火",
    "我们用ChatGLM",
    # a ticker or short form of a name is not the name misheard
    "其中英伟达，也就是NVDA，上周跌了接近百分之七",
    "台积电在美股的代码是TSM",
    # a word across the span's edge is not cut to make a bundled term (看完, not 看源文件)
    "我們先不要承諾時程，等看完文件再說。",
    # words with the letters of an acronym are words
    "I am 张伟，很高兴认识大家",
    # git as typed at the prompt is right in lower case
    "先git clone下来再说",
    # a word with letters beyond ASCII is not cut at them (palantír is not Palant + ír)
    "他们用palantír那套系统",
    # a term heard with its words broken elsewhere is the whole phrase or nothing: Stackover
    # alone would leave floor behind (Stack Overflow floor)
    "问题都在ChatGPT和Stackover floor上能查到",
    # a term run together with another word is not a misspelling of the term
    "Torus TopologyCuda的部分",
    # a word piece of a name (you of YouTube) is no anchor
    "他说you too",
    # an acronym that runs on with a letter that is not the next word's sound (C is not key)
    "我们的APIC很好",
    # a very common word beside the term it sounds like is the word (the speaker said cloud)
    "Claude写的代码都部署在cloud上面",
    "Claude很好用，我又去reading了一遍文档",
]


@pytest.mark.parametrize("before, after", MUST_CHANGE)
def test_must_change(corrector, before, after):
    result = corrector.correct(before)
    assert result.text == after, [(c.before, c.after, c.reason) for c in result.corrections]


@pytest.mark.parametrize("text", MUST_NOT_CHANGE)
def test_must_not_change(corrector, text):
    result = corrector.correct(text)
    assert result.text == text, [(c.before, c.after, c.reason) for c in result.corrections]


@pytest.mark.parametrize("before, after", MUST_CHANGE)
def test_corrected_text_is_left_alone(corrector, before, after):
    assert corrector.correct(after).text == after


def test_a_fix_takes_the_script_of_its_own_line(corrector):
    """Recognisers switch script within a transcript: a Simplified line of a Traditional
    transcript gets the term in Simplified characters."""
    text = "台積電的財報很好，輝達也不錯。\n英为达这季度的数据中心营收又创了新高。\n黃仁勳說灰達會繼續成長。\n"
    fixed = corrector.correct(text).text
    assert fixed == "台積電的財報很好，輝達也不錯。\n英伟达这季度的数据中心营收又创了新高。\n黃仁勳說輝達會繼續成長。\n"
    assert corrector.correct(fixed).corrections == []


def test_negatives_from_peer_trackers(corrector, shared):
    """Corrections a phonetic replacer must never make (eval/regressions/negatives.tsv)."""
    rows = (shared / "eval" / "regressions" / "negatives.tsv").read_text(encoding="utf-8").splitlines()[1:]
    for row in rows:
        word = row.split("\t")[0]
        for sentence in (word, f"我們來看這個{word}的部分", f"这个{word}很重要"):
            assert corrector.correct(sentence).text == sentence


def test_every_change_is_explained(corrector):
    result = corrector.correct("用一個東西叫做灰達的GPU NVIDIA的GPU 然後Cuda")
    assert result.corrections
    for c in result.corrections:
        assert c.term and c.rule and c.reason and c.glossary and 0 < c.score <= 1


CLEAN = Path(__file__).resolve().parent / "data" / "clean"


@pytest.mark.parametrize("path", sorted(CLEAN.glob("*.txt")), ids=lambda p: p.name)
def test_clean_text_passes_through_unchanged(bundled_corrector, path):
    """Hand-written correct sentences, both scripts, full of terms and of ordinary words that
    sound like terms: correcting them must change nothing at all."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert len(lines) >= 100
    text = "\n".join(lines) + "\n"
    changes = bundled_corrector.correct(text).corrections
    assert changes == [], [(c.before, c.after, c.reason) for c in changes]


def test_a_protected_word_is_not_changed_inside_a_longer_term():
    """本地不熟 sounds like 本地部署 but 不熟 is a protected word: never changed, even as part of
    a longer span."""
    from corrector import Corrector
    from corrector.glossary import parse_yaml

    glossary = parse_yaml("protected: [不熟]\nentries:\n- term: 本地部署\n", "g.yaml", domain="test")
    corrector = Corrector(glossary)
    assert corrector.correct("我对本地不熟").text == "我对本地不熟"
    assert corrector.correct("我们做了本地不署").text == "我们做了本地部署"
