"""A speaker's timeline: what they said, dated, in order, optionally on one topic and in a window."""
from __future__ import annotations

import re
from dataclasses import dataclass

from claimcheck.disputes import claim_when, in_window
from claimcheck.records import Article, Claim, Speaker
from claimcheck.store import Store, StoreError
from claimcheck.text.arabic import normalize, strip_prefixes

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class TimelineEntry:
    claim: Claim
    article: Article | None
    when: str | None        # when it was said if the text says, else the article's date


def _stems(text: str) -> list[str]:
    return [strip_prefixes(w) for w in _WORD.findall(normalize(text).lower())]


def on_topic(claim: Claim, topic: str) -> bool:
    """Every word of the topic (spelling variants and clitic prefixes folded) occurs in the claim
    or the sentence around it, as a word or the start of one ("انسحاب" finds "الانسحاب")."""
    words = set(_stems(claim.text + " " + (claim.sentence or "")))
    return all(any(w.startswith(t) for w in words) for t in _stems(topic))


def find_speaker(store: Store, name: str) -> Speaker:
    """The speaker a name, alias or id means; StoreError naming the near misses otherwise."""
    speakers = store.speakers()
    wanted = normalize(name).strip().lower()
    exact = [s for s in speakers if wanted in {normalize(x).lower() for x in (s.id, s.name, *s.aliases)}]
    if len(exact) == 1:
        return exact[0]
    partial = exact or [s for s in speakers if any(wanted in normalize(x).lower() for x in (s.name, *s.aliases))]
    if len(partial) == 1:
        return partial[0]
    if not partial:
        raise StoreError(f"no speaker called {name!r} in {store.path} (see `claimcheck speakers`)")
    raise StoreError(f"{name!r} could be {', '.join(s.name for s in partial[:8])}; give the full name or id")


def timeline(store: Store, speaker: Speaker, *, topic: str | None = None, since: str | None = None,
             until: str | None = None) -> list[TimelineEntry]:
    """The speaker's claims in the order they were said (undated ones last, in article order)."""
    claims = [c for c in store.claims() if c.speaker_id == speaker.id and in_window(c, since, until)
              and (not topic or on_topic(c, topic))]
    articles = {a.id: a for a in store.articles()}
    claims.sort(key=lambda c: (claim_when(c) is None, claim_when(c) or "", c.article_id, c.start))
    return [TimelineEntry(claim=c, article=articles.get(c.article_id), when=claim_when(c)) for c in claims]
