"""schema.org ClaimReview JSON-LD: a JSON array with one self-contained ClaimReview per dispute
(per flag for a report without disputes, before report 1.4).

For a dispute, the claim reviewed is its proposition (the statement most central to its first
side, as its speaker made it); the rating names who disputes it, and reviewBody quotes both
sides. A dispute a reviewer rejected is left out; only a confirmed one gets a numeric rating.

Choices made for flags, which disputes follow, since a contradiction is weaker evidence than a
fact-check verdict:

- The claim reviewed is b (the later statement, as its speaker made it in b's article); a, the
  statement it conflicts with, is named in the rating and quoted in reviewBody.
- Ratings: a contradiction does not say which statement is false, and an unchecked flag is only a
  machine's suspicion, so a numeric rating appears only once a reviewer confirmed the flag:
  ratingValue 2 on a 1 (false) .. 5 (true) scale, the "disputed" step. Unreviewed flags, and
  flags a reviewer was unsure about, get a Rating with only alternateName "Needs review - ...".
- Flags a reviewer rejected, or found to agree, are left out: publishing a ClaimReview for them
  would assert a contradiction a person has ruled out.
- firstAppearance: we only know where a statement appeared, not where it first did; the article
  counts as the first appearance only when the statement's own date equals the article's date.
- Author: "Organization" for speakers whose optional speaker_kind is "unnamed" or "organisation",
  and for claims with no speaker name at all; "Person" otherwise.
- inLanguage: on the ClaimReview, the language of its own prose (the reason); on the Claim, the
  language of b's article (or "ar" when the quote has Arabic letters and the article's is unknown).
- Google additionally requires `url`, the page publishing the fact-check; only the publisher knows
  it, so it is left for them to add.
"""
from __future__ import annotations

import json

from claimcheck.report._common import claim_when, http_url, is_arabic, speaker_line, speaker_name

BEST, WORST, CONFIRMED_RATING = 5, 1, 2
_PUBLISHED_STATES = ("confirmed", "unreviewed", "unsure")
_OTHER_LABEL = {"reversal": "Earlier statement", "contradiction": "Conflicting statement"}


def _person(claim: dict) -> dict:
    name = claim.get("speaker") or claim.get("speaker_mention")
    if name is None or claim.get("speaker_kind") in ("unnamed", "organisation"):
        return {"@type": "Organization", "name": name or speaker_name(claim)}
    person = {"@type": "Person", "name": name}
    if claim.get("role"):
        person["jobTitle"] = claim["role"]
    return person


def _appearance(claim: dict) -> dict | None:
    work: dict = {"@type": "NewsArticle" if claim.get("outlet") else "CreativeWork"}
    known = {
        "url": http_url(claim.get("url")),
        "headline": claim.get("title"),
        "datePublished": claim.get("date"),
        "publisher": claim.get("outlet") and {"@type": "Organization", "name": claim["outlet"]},
    }
    work.update({key: value for key, value in known.items() if value})
    return work if len(work) > 1 else None


def _rating(flag: dict) -> dict:
    a, state = flag["a"], flag["review"]["state"]
    when = claim_when(a) or "undated"
    if flag["kind"] == "reversal":
        basis = f"Reversal of own earlier statement ({when})"
    else:
        basis = f"Contradicted by {speaker_name(a)} ({when})"
    if state == "confirmed":
        return {"@type": "Rating", "ratingValue": CONFIRMED_RATING, "bestRating": BEST, "worstRating": WORST,
                "alternateName": f"{basis} - confirmed by a reviewer"}
    why = "a reviewer was unsure" if state == "unsure" else "flagged automatically, not reviewed"
    return {"@type": "Rating", "alternateName": f"Needs review - {basis}; {why}"}


def _quote(label: str, claim: dict) -> str:
    source = ", ".join(x for x in (speaker_line(claim), claim.get("outlet"), claim_when(claim)) if x)
    return f"{label} ({source}): «{claim['text']}»"


def _claim_review(flag: dict, data: dict, languages: dict[str, str | None]) -> dict:
    a, b = flag["a"], flag["b"]
    item: dict = {"@type": "Claim", "author": _person(b)}
    if claim_when(b):
        item["datePublished"] = claim_when(b)
    appearance = _appearance(b)
    if appearance:
        item["appearance"] = [appearance]
        if b.get("claim_date") and b["claim_date"] == b.get("date"):
            item["firstAppearance"] = appearance
    claim_lang = languages.get(b["article"]) or ("ar" if is_arabic(b["text"]) else None)
    if claim_lang:
        item["inLanguage"] = claim_lang
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": flag["id"],
        "claimReviewed": b["text"],
        "itemReviewed": item,
        "reviewRating": _rating(flag),
        "author": {"@type": "Organization", "name": data["tool"]["name"]},
        "datePublished": data["generated_at"][:10],
        "reviewBody": " ".join(x for x in (flag["reason"], _quote(_OTHER_LABEL[flag["kind"]], a),
                                           _quote("Reviewed statement", b)) if x),
        "inLanguage": "ar" if is_arabic(flag["reason"]) else "en",
    }


def _claim_item(claim: dict, languages: dict[str, str | None]) -> dict:
    item: dict = {"@type": "Claim", "author": _person(claim)}
    if claim_when(claim):
        item["datePublished"] = claim_when(claim)
    appearance = _appearance(claim)
    if appearance:
        item["appearance"] = [appearance]
        if claim.get("claim_date") and claim["claim_date"] == claim.get("date"):
            item["firstAppearance"] = appearance
    claim_lang = languages.get(claim["article"]) or ("ar" if is_arabic(claim["text"]) else None)
    if claim_lang:
        item["inLanguage"] = claim_lang
    return item


def _dispute_review(dispute: dict, data: dict, languages: dict[str, str | None]) -> dict:
    claims = {c["id"]: (side["label"], c) for side in dispute["sides"] for s in side["speakers"] for c in s["claims"]}
    _, proposition = claims[dispute["proposition"]["claim"]]
    against = [s for s in dispute["sides"][1]["speakers"]]
    names = ", ".join(f"{s['name'] or 'an unnamed speaker'} ({claim_when(s['claims'][0]) or 'date unknown'})"
                      for s in against)
    if dispute["kind"] == "reversal":
        basis = f"Reversed by its own speaker; disputed by {names}"
    else:
        basis = f"Disputed by {names}"
    state = dispute["review"]["state"]
    if state == "confirmed":
        rating = {"@type": "Rating", "ratingValue": CONFIRMED_RATING, "bestRating": BEST, "worstRating": WORST,
                  "alternateName": f"{basis} - confirmed by a reviewer"}
    else:
        why = "a reviewer was unsure" if state == "unsure" else "grouped automatically, not reviewed"
        rating = {"@type": "Rating", "alternateName": f"Needs review - {basis}; {why}"}
    quotes = [_quote(label, claim) for label, claim in claims.values()]
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": dispute["id"],
        "claimReviewed": proposition["text"],
        "itemReviewed": _claim_item(proposition, languages),
        "reviewRating": rating,
        "author": {"@type": "Organization", "name": data["tool"]["name"]},
        "datePublished": data["generated_at"][:10],
        "reviewBody": " ".join(quotes),
        "inLanguage": "en",  # its own prose (the rating and labels) is English; the quotes keep theirs
    }


def claim_reviews(data: dict) -> list[dict]:
    languages = {article["id"]: article.get("lang") for article in data["articles"]}
    if "disputes" in data:
        return [_dispute_review(d, data, languages) for d in data["disputes"]
                if d["review"]["state"] in _PUBLISHED_STATES]
    return [_claim_review(flag, data, languages) for flag in data["contradictions"]
            if flag["review"]["state"] in _PUBLISHED_STATES]


def render(data: dict) -> str:
    text = json.dumps(claim_reviews(data), ensure_ascii=False, indent=2)
    # JSON-LD is usually pasted into <script type="application/ld+json">; an escaped "<" keeps
    # article text like "</script>" from ending that element, and parses back to the same string.
    return text.replace("<", "\\u003c") + "\n"
