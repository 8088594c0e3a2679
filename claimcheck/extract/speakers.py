"""Who said it: carrying a speaker over to unnamed cues, and merging mentions into speakers.

`attribute` runs inside one article: a cue with no subject ("وأضاف", "He added") takes the
nearest earlier speaker whose agreement fits ("وأكدت" looks for a speaker introduced with a
feminine verb, or named with a feminine title or head: النائبة، وزارة). `resolve_speakers`
then maps every mention to a canonical Speaker, within and across articles: surname alone,
full name, name with title or role; a bare role ("رئيس الحكومة العراقية") joins the person
named with that role in the same article; a short form of an organisation ("البترول",
"الوزارة") takes the full name the article writes out; an unnamed source never joins a
named person; two people sharing a first name or a title stay apart.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from claimcheck.extract import lexicon as lx
from claimcheck.extract.doc import Described, Doc, Draft, Subject
from claimcheck.extract.mentions import describe
from claimcheck.records import Claim, Speaker
from claimcheck.text.arabic import IGNORED, guess_lang, normalize

NAME_SIMILARITY = 90   # rapidfuzz ratio for two spellings of one name part


# ---------------------------------------------------------------- carrying over

def attribute(doc: Doc, drafts: list[Draft]) -> list[tuple[Draft, Subject | None]]:
    """Each draft with the subject it is attributed to (its own, or one carried over)."""
    out: list[tuple[Draft, Subject | None]] = []
    history: list[tuple[Draft, Subject]] = []
    for d in drafts:
        subject = d.subject
        if subject is None or subject.mention is None:
            source = _antecedent(doc, d, history)
            channel = subject.channel if subject else None
            subject = replace(source, channel=channel) if source else subject
        elif subject.kind == "pronoun":
            source = _antecedent(doc, d, history)
            subject = replace(subject, role=source.role if source else None)
        if subject is not None and subject.mention is not None and _statement_backref(doc, subject):
            # "وأوضح البيان أن": the statement named before is its issuer's
            issuer = next((s for _, s in reversed(history) if s.channel and _STATEMENT in normalize(s.channel)), None)
            subject = replace(issuer, channel=doc.orig(*subject.mention)) if issuer is not None else subject
        if subject is not None and subject.mention is not None and subject.kind != "pronoun":
            history.append((d, subject))
        out.append((d, subject))
    return out


_STATEMENT = normalize("بيان")
_STATEMENT_BACKREFS = frozenset(normalize(w) for w in ["البيان", "بيان"])


def _statement_backref(doc: Doc, subject: Subject) -> bool:
    """"البيان", "البيان ذاته": the statement just reported, standing for its issuer."""
    words = [w for w in doc.norm[slice(*subject.mention)].split() if w not in lx.SAME_WORDS]
    return len(words) == 1 and words[0] == normalize("البيان")


def _antecedent(doc: Doc, d: Draft, history: list[tuple[Draft, Subject]]) -> Subject | None:
    if not history:
        return None
    if d.same_sentence:  # "، مشيراً": the sentence's own speaker, unless the form rules it out
        sentence = doc.sentence_at(d.start)
        for prev, subject in reversed(history):
            if doc.sentence_at(prev.start) == sentence and _agreement(doc, prev, subject) in (d.agree, None):
                return subject
    if d.agree:
        for prev, subject in reversed(history):
            if _agreement(doc, prev, subject) == d.agree:
                return subject
    return history[-1][1]


def _agreement(doc: Doc, prev: Draft, subject: Subject) -> str | None:
    """The verb agreement a speaker takes: what their own cue showed ("وأوضحت النائبة"), else
    what the first word of the mention shows ("بحسب النائبة ...", "وفقاً لمصادر ...") - a
    title, role or organisation head ending in ta marbuta is feminine ("النائبة", "وزارة"),
    and so is a non-human plural ("مصادر")."""
    if prev.agree:
        return prev.agree
    words = doc.norm[slice(*subject.mention)].split()
    head = words[0] if words else ""
    bare = head[2:] if head.startswith("ال") else head
    if bare in lx.FEMININE_PLURAL_HEADS:
        return lx.F
    if bare in lx.HUMAN_PLURAL_HEADS:
        return lx.P
    if not (head in lx.ROLE_HEADS or head in lx.PERSON_TITLES or head in lx.ORG_HEADS or bare in lx.UNNAMED_HEADS):
        return None  # a name: "هالة" and "أسامة" look alike
    return lx.F if head.endswith("ه") else lx.M


# ---------------------------------------------------------------- resolving

@dataclass(eq=False)  # entities are compared by identity
class _Entity:
    kind: str
    id: str | None = None                 # set for known speakers
    names: dict[str, str] = field(default_factory=dict)  # normalised full name -> as written
    roles: list[str] = field(default_factory=list)
    role_keys: list[frozenset[str]] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)       # normalised aliases, for unnamed sources

    def add(self, mention: str, d: Described, role: str | None) -> None:
        if mention not in self.aliases:
            self.aliases.append(mention)
            self.keys.add(normalize(mention).lower())
        if d.kind == "unnamed":
            if not d.backref:
                self.names.setdefault(normalize(mention), mention)
        elif d.name:
            self.names.setdefault(d.name, d.name_written or d.name)
        role = role or d.role
        if role and not d.backref:  # "المسؤول ذاته" restates a role, it adds none
            self.roles.append(role)
            self.role_keys.append(_role_key(role))

    @property
    def canonical(self) -> str:
        if self.names:
            best = max(self.names, key=lambda n: (len(n.split()), len(n)))
            return self.names[best]
        return max(self.aliases, key=len) if self.aliases else ""


def resolve_speakers(claims: list[Claim], known: list[Speaker] = ()) -> tuple[list[Claim], list[Speaker]]:
    """Set Claim.speaker_id on every attributed claim; return the claims and the full,
    updated speaker list (known speakers first, with any new aliases, then new ones)."""
    entities = [_from_known(s) for s in known]
    assigned: dict[str, _Entity] = {}
    for article_claims in _by_article(claims):
        local: list[tuple[Claim, Described, _Entity | None]] = []
        described = [(c, describe(c.speaker_mention, guess_lang(c.speaker_mention)))
                     for c in article_claims if c.speaker_mention]
        orgs, surnames = _written_orgs(described), _surnames(described)
        for claim, d in described:
            d = _full_org_name(d, orgs, surnames)
            entity = None
            if d.name or d.kind not in ("person", "pronoun"):
                entity = _match(d, claim.speaker_mention, local, entities) or _new(entities, d.kind)
                entity.add(claim.speaker_mention, d, claim.role)
            local.append((claim, d, entity))
        for n, (claim, d, entity) in enumerate(local):
            if entity is None and d.kind == "pronoun":  # "he added": who spoke last here
                entity = next((e for _, _, e in reversed(local[:n]) if e is not None), None)
            elif entity is None:  # a bare role, settled now that the article's names are known
                entity = _role_only(d, n, local) or _new(entities, d.kind)
                entity.add(claim.speaker_mention, d, claim.role)
            if entity is not None:
                local[n] = (claim, d, entity)
                assigned[claim.id] = entity
    ids = _assign_ids(entities)
    out_claims = [replace(c, speaker_id=ids[assigned[c.id]]) if c.id in assigned else c for c in claims]
    used = set(assigned.values())
    speakers = [_speaker(e, ids[e]) for e in entities if e.id or e in used]
    return out_claims, speakers


def _written_orgs(described: list[tuple[Claim, Described]]) -> list[tuple[tuple[str, ...], str]]:
    """Organisation names as an article writes them out, (normalised words, as written): the
    organisations that speak, and those inside a role ("المتحدث باسم وزارة ...", "مدير
    المكتب الإعلامي لوزارة ..."), each running from its head noun to the end of the phrase."""
    phrases = [c.speaker_mention for c, d in described if d.kind == "organisation"]
    phrases += [c.role for c, _ in described if c.role]
    out = []
    for phrase in dict.fromkeys(phrases):
        written = [w.strip('"«»“”()،,') for w in phrase.split()]
        for k in range(len(written) - 1):
            head = _org_head(written[k])
            if head is not None:
                name = [head, *written[k + 1:]]
                out.append((tuple(normalize(w) for w in name), " ".join(name)))
    return out


def _org_head(word: str) -> str | None:
    """`word` as the head noun of an organisation name, without a لـ before it ("لوزارة")."""
    norm = normalize(word)
    if norm in lx.ORG_HEADS:
        return word
    if norm.startswith("ل") and norm[1:] in lx.ORG_HEADS:
        return word[1:].lstrip("".join(IGNORED))
    return None


def _surnames(described: list[tuple[Claim, Described]]) -> set[str]:
    """Family names of the people named in full in an article."""
    return {_parts(d.name)[-1] for _, d in described if d.kind == "person" and d.name and len(_parts(d.name)) > 1}


def _full_org_name(d: Described, orgs: list[tuple[tuple[str, ...], str]], surnames: set[str]) -> Described:
    """A short form of an organisation written out in full in the same article takes the full
    name: "وزارة البترول" and "«البترول»" for "وزارة البترول والثروة المعدنية". A bare word
    that is a person's surname here, or a nationality, stays what it is."""
    if not d.name or d.kind not in ("organisation", "person") or (d.kind == "person" and d.role):
        return d
    short, parts = tuple(d.name.split()), _parts(d.name)
    if not short or not parts:
        return d
    if d.kind == "person" and (parts[-1] in surnames or short[0] in lx.NATIONALITIES):
        return d
    fuller = {words: written for words, written in orgs if _shortens(short, words)}
    fullest = [written for words, written in fuller.items() if not any(_shortens(words, w) for w in fuller)]
    if len(fullest) != 1:
        return d  # none, or two different organisations it could stand for
    written = fullest[0]
    return replace(d, kind="organisation", name=normalize(written), name_written=written)


def _shortens(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """"وزارة البترول" or "البترول" for "وزارة البترول والثروة المعدنية": the head kept or
    dropped, then the first words of the rest; "الوزارة" alone points back to it."""
    if len(short) >= len(full):
        return False
    if short == ("ال" + full[0],):
        return True
    rest = full if short[0] == full[0] else full[1:]
    return rest[:len(short)] == short


def _by_article(claims: list[Claim]) -> list[list[Claim]]:
    groups: dict[str, list[Claim]] = {}
    for c in claims:
        groups.setdefault(c.article_id, []).append(c)
    return [sorted(g, key=lambda c: c.start) for g in groups.values()]


def _from_known(s: Speaker) -> _Entity:
    e = _Entity(kind=s.kind, id=s.id)
    for mention in dict.fromkeys((s.name, *s.aliases)):
        d = describe(mention, guess_lang(mention))
        if s.kind == "unnamed":  # only the stored name names an unnamed source
            d = replace(d, kind="unnamed", backref=mention != s.name)
        e.add(mention, d, None)
    if s.role:
        e.roles.append(s.role)
        e.role_keys.append(_role_key(s.role))
    return e


def _new(entities: list[_Entity], kind: str) -> _Entity:
    e = _Entity(kind=kind)
    entities.append(e)
    return e


def _match(d: Described, mention: str, local: list, entities: list[_Entity]) -> _Entity | None:
    """The entity a mention belongs to: this article's speakers first, then everyone's."""
    local_entities = list(dict.fromkeys(e for _, _, e in reversed(local) if e is not None))
    if _generic(d, mention):
        entities = []  # "مراقبون", "البيان", "الفصيل": this article's source, not another's
    if d.kind == "unnamed":
        if d.backref:
            for _, prev, e in reversed(local):
                if e is not None and e.kind == "unnamed" and _same_head(prev.head, d.head):
                    return e
        key = normalize(mention).lower()
        return next((e for e in local_entities + entities if e.kind == "unnamed" and key in e.keys), None)
    if not d.name:
        return None  # a bare role: settled once the article's named speakers are known
    for pool in (local_entities, entities):
        hits = [e for e in pool if e.kind == d.kind and _same_name(d.name, e)]
        if len(hits) == 1 or (hits and pool is local_entities):
            return hits[0]
    return None


def _generic(d: Described, mention: str) -> bool:
    """A one-word source ("مراقبون", "مصادر", "المتحدثة", "البيان") or a bare organisation
    noun ("الفصيل", "الحكومة") names someone only within its article."""
    words = [w for w in normalize(mention).split() if w not in lx.SAME_WORDS]
    if len(words) != 1:
        return False
    word = words[0].strip('"«»“”')
    return d.kind == "unnamed" or (d.kind == "organisation" and word in lx.ORG_HEADS)


def _same_head(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    a, b = a.lower(), b.lower()
    return a == b or a[:4] == b[:4] or a.rstrip("s") == b.rstrip("s")


def _parts(name: str) -> list[str]:
    """Name parts for comparison: "al-" and "ال" do not tell two surnames apart, and a
    particle stays with the word after it ("آل ثاني", "أبو مهدي", "bin Salman")."""
    parts: list[str] = []
    glue = False
    for word in normalize(name).lower().split():
        if glue:
            parts[-1] += " " + word
        else:
            parts.append(re.sub(r"^(?:al-|el-|ال)(?=\w\w)", "", word))
        glue = not glue and word in _PARTICLES
    return parts


_PARTICLES = frozenset(normalize(w) for w in ["آل", "أبو", "أبي", "بن", "ابن", "عبد", "bin", "ibn", "abu", "abd", "al", "el"])


def _same_name(name: str, entity: _Entity) -> bool:
    if entity.kind == "organisation":
        return any(fuzz.ratio(name, n) >= 95 for n in entity.names)
    mine = _parts(name)
    others = [_parts(n) for n in entity.names]
    if len(mine) > 1 and any(len(o) > 1 for o in others):
        # A full name meets the entity's full names only: a bare surname it also answers to
        # ("الحلبي" for سامر الحلبي) must not pull in another given name (مازن الحلبي).
        others = [o for o in others if len(o) > 1]
    for other in others:
        if mine == other:
            return True
        if len(mine) == 1 or len(other) == 1:
            # a surname alone joins the full name that ends with it
            if fuzz.ratio(mine[-1], other[-1]) >= NAME_SIMILARITY:
                return True
            continue
        if (fuzz.ratio(mine[0], other[0]) >= NAME_SIMILARITY
                and fuzz.ratio(mine[-1], other[-1]) >= NAME_SIMILARITY):
            return True
    return False


def _role_key(role: str) -> frozenset[str]:
    """The words that tell roles apart: "رئيس الحكومة العراقية" and "رئيس الوزراء" share
    {رئيس, وزراء}; nationality, articles and "باسم"/"of" do not count."""
    words = re.findall(r"[\w.'’-]+", normalize(role).lower())
    return frozenset(_ROLE_SYNONYMS.get(w, w) for w in (re.sub(r"^(?:ال|لل)", "", w) for w in words)
                     if w not in _ROLE_NOISE and w not in lx.EN_NATIONALITIES and not w.endswith(("'s", "’s"))
                     and w not in lx.NATIONALITIES)


_ROLE_SYNONYMS = {normalize(k): normalize(v) for k, v in {
    "حكومة": "وزراء", "ناطق": "متحدث", "government": "minister", "premier": "prime",
    "spokeswoman": "spokesman", "spokesperson": "spokesman",
}.items()}
_ROLE_NOISE = frozenset(normalize(w) for w in ["في", "باسم", "عن", "لدى", "the", "of", "for", "a", "an", "at", "to"])


def _role_only(d: Described, n: int, local: list) -> _Entity | None:
    """A role with no name: the person with that role in this article, else (as in a news
    lead: "the head of Central Command said ..." then "Gen. Michael Kurilla told ...") the
    person named by the very next claim, when nothing says their role differs."""
    key = _role_key(d.role or "")
    people = [(m, e) for m, (_, _, e) in enumerate(local) if e is not None and e.kind == "person"]
    people.sort(key=lambda me: (me[0] > n, abs(me[0] - n)))  # nearest earlier first
    for fits in (lambda k: key == k, lambda k: key <= k):
        for _, e in people:
            if key and any(fits(k) for k in e.role_keys):
                return e
    nxt = local[n + 1][2] if n + 1 < len(local) else None
    if nxt is not None and nxt.kind == "person" and nxt.names and not any(nxt.role_keys):
        return nxt
    return None


def _assign_ids(entities: list[_Entity]) -> dict[_Entity, str]:
    """Known speakers keep their id; a new one gets "spk-" + a hash of its kind and name."""
    ids: dict[_Entity, str] = {}
    taken = {e.id for e in entities if e.id}
    for e in entities:
        if e.id:
            ids[e] = e.id
            continue
        base = "spk-" + hashlib.sha1(f"{e.kind}:{normalize(e.canonical).lower()}".encode()).hexdigest()[:12]
        sid, n = base, 2
        while sid in taken:
            sid, n = f"{base}-{n}", n + 1
        taken.add(sid)
        ids[e] = sid
    return ids


def _speaker(e: _Entity, sid: str) -> Speaker:
    roles = Counter(e.roles)
    role = max(roles, key=lambda r: (roles[r], len(r))) if roles else None
    name = e.canonical
    if e.kind == "unnamed" and role is None:
        role = name
    aliases = tuple(a for a in dict.fromkeys([*e.aliases, *e.names.values()]) if a != name)
    return Speaker(id=sid, name=name, kind=e.kind, role=role, aliases=aliases)
