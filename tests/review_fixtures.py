"""A small store with Arabic articles, claims, speakers and flags, built through the Store API.

Shared by the review and export tests. Five flags, scores strictly decreasing, so their order
in store.flags() (score desc) is FLAG_TEXTS order.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from claimcheck.records import Article, Claim, Flag, Run, Speaker
from claimcheck.signals import Evidence
from claimcheck.store import Store

MODEL = "fake:nli"  # the NLI model name its run records (CLAIMCHECK_NLI_MODEL for the CLI)
RUN = Run(embedder="fake:embedder", nli_model=MODEL, settings={"neighbours": 8})
RUN_ID = 1  # the id a fresh store gives the first run, which holds the fixture's judgements

SPEAKERS = [
    Speaker(id="spk-hamdan", name="سالم الحمدان", role="وزير الدفاع", aliases=("الحمدان",)),
    Speaker(id="spk-nouri", name="ليلى النوري", role="المتحدثة باسم الحكومة"),
    Speaker(id="spk-army", name="الجيش", kind="organisation"),
]

# (article id, outlet, date, [(speaker id, claim text)]) - each claim becomes one sentence.
ARTICLES = [
    ("art1", "العربي الجديد", "2024-01-10", [
        ("spk-hamdan", "القوات انسحبت بالكامل من المدينة"),
        ("spk-nouri", "الحكومة رفعت أسعار الوقود بنسبة عشرة بالمئة"),
        ("spk-army", "لم يسقط أي قتيل في الاشتباكات"),
    ]),
    ("art2", "الجزيرة", "2024-02-03", [
        ("spk-nouri", "ما زال ألفان وخمسمئة جندي في المدينة"),
        ("spk-hamdan", "الحكومة لم ترفع أسعار الوقود"),
        ("spk-nouri", "سقط عشرون قتيلا في الاشتباكات"),
        ("spk-hamdan", "لا خطط لإجراء انتخابات مبكرة"),
        ("spk-hamdan", "الانتخابات المبكرة ستجرى في الربيع"),
    ]),
]

# Flag pairs as (claim a index, claim b index) into ALL_CLAIMS, best score first.
PAIRS = [(0, 3, 0.97), (1, 4, 0.91), (2, 5, 0.86), (6, 7, 0.74), (0, 4, 0.62)]


def _build_articles() -> tuple[list[tuple[Article, list[Claim]]], list[Claim]]:
    out, all_claims = [], []
    for art_id, outlet, date, claims in ARTICLES:
        text, made = "", []
        for speaker_id, claim_text in claims:
            speaker = next(s for s in SPEAKERS if s.id == speaker_id)
            lead = f"وقال {speaker.name} إن "
            sentence_start = len(text)
            start = sentence_start + len(lead)
            sentence = f"{lead}{claim_text}."
            text += sentence + " "
            made.append(Claim(id=f"{art_id}:{start}-{start + len(claim_text)}", article_id=art_id, text=claim_text,
                              kind="reported", start=start, end=start + len(claim_text), sentence=sentence,
                              speaker_mention=speaker.name, cue="وقال", role=speaker.role, speaker_id=speaker_id,
                              date=date))
        text = text.strip()
        for c in made:
            assert text[c.start:c.end] == c.text
        article = Article(id=art_id, text=text, source=f"{art_id}.txt",
                          sha256=hashlib.sha256(text.encode()).hexdigest(), outlet=outlet, date=date,
                          title=f"عنوان {art_id}")
        out.append((article, made))
        all_claims.extend(made)
    return out, all_claims


def build_store(path: Path, run: Run = RUN) -> tuple[Store, list[Flag], list[Claim]]:
    store = Store(path)
    articles, claims = _build_articles()
    for article, made in articles:
        store.add_article(article, made, SPEAKERS)
    flags = []
    for ia, ib, score in PAIRS:
        a, b = claims[ia], claims[ib]
        kind = "reversal" if a.speaker_id == b.speaker_id else "contradiction"
        ab = {"entailment": 0.02, "neutral": round(0.98 - score, 4), "contradiction": score}
        ba = {"entailment": 0.05, "neutral": round(0.95 - score + 0.03, 4), "contradiction": round(score - 0.03, 4)}
        signals = {"numeric": {"a": [{"value": "all", "unit": "القوات", "group": "troops", "text": "بالكامل"}],
                               "b": [{"value": 2500, "unit": "جندي", "group": "troops", "text": "الفان وخمسمئه جندي"}],
                               "clash": "all vs 2500"} if ia == 0 and ib == 3 else None,
                   "time": {"a_date": a.date, "b_date": b.date, "days_apart": 24, "years_a": [], "years_b": [],
                            "same_period": True},
                   "continuation": {"a": {"says": "ends", "word": "انسحبت", "denied": False},
                                    "b": {"says": "goes on", "word": "ما زال", "denied": False},
                                    "relation": "opposed"}}
        flags.append(Flag(id=f"{a.id}|{b.id}", kind=kind, score=score, a=a.id, b=b.id, nli_ab=ab, nli_ba=ba,
                          signals=Evidence.from_dict(signals), reason=f"test reason {len(flags) + 1}"))
    run_id = store.open_run(run).id
    store.put_judgements(run_id, [(f, "neighbours", 0.9) for f in flags], current=True)
    return store, flags, claims


def claim_text(claims: list[Claim], claim_id: str) -> str:
    return next(c.text for c in claims if c.id == claim_id)
