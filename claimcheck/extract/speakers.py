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

import bisect
import hashlib
import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache

from rapidfuzz import fuzz, process

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
        # one spelling per name: the lexically first of those written, so that it does not
        # depend on which article came first
        if d.kind == "unnamed":
            if not d.backref:
                plain = _nominative(mention)
                self.names[normalize(plain)] = min(self.names.get(normalize(plain), plain), plain)
        elif d.name:
            written = d.name_written or d.name
            self.names[d.name] = min(self.names.get(d.name, written), written)
        role = role or d.role
        if role and d.kind == "unnamed":
            role = _nominative(role)
        if role and not d.backref:  # "المسؤول ذاته" restates a role, it adds none
            self.roles.append(role)
            key = _role_key(role)
            if key not in self.role_keys:  # distinct keys: a speaker quoted 1,000 times is checked once
                self.role_keys.append(key)

    @property
    def canonical(self) -> str:
        """The display name, a function of the names seen and not of their order: the fullest
        name (most words, then letters), ties broken lexically."""
        if self.names:
            best = min(self.names, key=lambda n: (-len(n.split()), -len(n), n))
            return self.names[best]
        return min(self.aliases, key=lambda a: (-len(a), a)) if self.aliases else ""


def resolve_speakers(claims: list[Claim], known: list[Speaker] = ()) -> tuple[list[Claim], list[Speaker]]:
    """Set Claim.speaker_id on every attributed claim; return the claims and the full,
    updated speaker list (known speakers first, with any new aliases, then new ones)."""
    entities: list[_Entity] = []
    index = _Index()
    for s in known:
        index.add(_new(entities, s.kind, _from_known(s)))
    assigned: dict[str, _Entity] = {}
    for article_claims in _by_article(claims):
        local: list[tuple[Claim, Described, _Entity | None]] = []
        here = _Here()
        described = [(c, describe(c.speaker_mention, guess_lang(c.speaker_mention)))
                     for c in article_claims if c.speaker_mention]
        orgs, surnames = _written_orgs(described), _surnames(described)
        for claim, d in described:
            d = _full_org_name(d, orgs, surnames)
            entity = None
            if _office_backref(d) and here.same_head(d.head) is None:
                pass  # "وأضاف النائب": a role as much as a source; settled below like a bare role
            elif d.name or d.kind not in ("person", "pronoun"):
                entity = _match(d, claim.speaker_mention, here, index)
                if entity is None:
                    entity = index.add(_new(entities, d.kind))
                entity.add(claim.speaker_mention, d, claim.role)
                index.note(entity)
            here.spoke(len(local), d, entity)
            local.append((claim, d, entity))
        last = None  # who spoke last, for "he added"
        for n, (claim, d, entity) in enumerate(local):
            if entity is None and d.kind == "pronoun":  # "he added": who spoke last here
                entity = last
            elif entity is None:  # a bare role, settled now that the article's names are known
                entity = _role_only(d, n, local, here, follow=not _office_backref(d))
                if entity is None:
                    entity = index.add(_new(entities, d.kind))
                entity.add(claim.speaker_mention, d, claim.role)
                index.note(entity)
            if entity is not None:
                if local[n][2] is None:
                    here.took(n, entity)
                local[n] = (claim, d, entity)
                assigned[claim.id] = entity
                last = entity
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


def _new(entities: list[_Entity], kind: str, entity: _Entity | None = None) -> _Entity:
    e = entity or _Entity(kind=kind)
    entities.append(e)
    return e


class _Index:
    """Every entity by what its names and aliases could match, so that a mention is compared
    with the few entities that might share its name rather than with all of them (resolving
    stays near-linear in claims). A look-up returns a superset of the entities `_same_name`
    accepts; `_same_name` still decides."""

    def __init__(self) -> None:
        self.order: dict[_Entity, int] = {}                            # creation order
        self.seen: dict[_Entity, tuple[int, int]] = {}                 # names, aliases indexed
        self.variants: dict[tuple[str, str], dict[_Entity, None]] = {}  # (kind, last part less a few letters)
        self.by_length: dict[tuple[str, int], list[tuple[str, _Entity]]] = {}  # (kind, len) -> last parts
        self.orgs: list[_Entity] = []                                  # organisations, one per name
        self.org_names: list[str] = []                                 # ... and that name
        self.keys: dict[str, list[_Entity]] = {}                       # unnamed sources by alias

    def add(self, e: _Entity) -> _Entity:
        self.order[e] = len(self.order)
        self.note(e)
        return e

    def note(self, e: _Entity) -> None:
        """Index the names and aliases `e` gained since it was last noted."""
        n_names, n_aliases = self.seen.get(e, (0, 0))
        if e.kind == "unnamed":
            for alias in e.aliases[n_aliases:]:
                self.keys.setdefault(_unnamed_key(alias), []).append(e)
        for name in list(e.names)[n_names:]:
            if e.kind == "organisation":
                self.orgs.append(e)
                self.org_names.append(name)
            elif e.kind != "unnamed" and _parts(name):
                last = _parts(name)[-1]
                self.by_length.setdefault((e.kind, len(last)), []).append((last, e))
                if len(last) <= _LONG_PART:
                    for v in _deletions(last, _max_deletions(len(last))):
                        self.variants.setdefault((e.kind, v), {})[e] = None
        self.seen[e] = (len(e.names), len(e.aliases))

    def named(self, kind: str, name: str) -> list[_Entity]:
        """Entities of `kind` that may carry `name`, in creation order."""
        found: set[_Entity] = set()
        if kind == "organisation":
            for _, _, k in process.extract(name, self.org_names, scorer=fuzz.ratio, score_cutoff=95, limit=None):
                found.add(self.orgs[k])
        else:
            mine = _parts(name)
            if not mine:
                return []
            last = mine[-1]
            if len(last) <= _LONG_PART:
                for v in _deletions(last, _max_deletions(len(last))):
                    found.update(self.variants.get((kind, v), ()))
            # a name part of n letters meets one of 9n/11 to 11n/9 letters at ratio 90
            lo, hi = math.ceil(len(last) * 9 / 11 - 1e-9), math.floor(len(last) * 11 / 9 + 1e-9)
            for size in range(lo if len(last) > _LONG_PART else _LONG_PART + 1, hi + 1):
                found.update(e for part, e in self.by_length.get((kind, size), ())
                             if fuzz.ratio(last, part) >= NAME_SIMILARITY)
        return sorted(found, key=self.order.__getitem__)

    def unnamed(self, key: str) -> list[_Entity]:
        return sorted(set(self.keys.get(key, ())), key=self.order.__getitem__)


_LONG_PART = 16  # name parts up to this long are indexed by their deletion variants


def _max_deletions(size: int) -> int:
    """Letters one side of a pair at rapidfuzz ratio >= 90 can lose on the way to their
    longest common subsequence L: indel distance d <= 0.1 (l1 + l2) = 0.1 (2L + d) gives
    d <= 2L/9, and L <= size."""
    return math.floor(2 * size / 9 + 1e-9)


@lru_cache(maxsize=65536)
def _deletions(word: str, k: int) -> frozenset[str]:
    """`word` with up to `k` letters deleted: two parts at ratio >= 90 share one of these."""
    out, frontier = {word}, {word}
    for _ in range(k):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        out |= frontier
    return frozenset(out)


class _Here:
    """One article's speakers: where each last spoke, every place it speaks, and the unnamed
    sources by their head noun, for look-ups that do not walk back through the article."""

    def __init__(self) -> None:
        self.recent: dict[_Entity, int] = {}
        self.places: dict[_Entity, list[int]] = {}
        self.heads: dict[tuple[str, str], tuple[int, _Entity]] = {}

    def spoke(self, n: int, d: Described, entity: _Entity | None) -> None:
        if entity is None:
            return
        self.recent[entity] = n
        self.places.setdefault(entity, []).append(n)
        if entity.kind == "unnamed" and d.head:
            head = d.head.lower()
            self.heads[("prefix", head[:4])] = self.heads[("bare", head.rstrip("s"))] = (n, entity)

    def took(self, n: int, entity: _Entity) -> None:
        """A bare role or pronoun at `n` settled on `entity` after the first pass."""
        bisect.insort(self.places.setdefault(entity, []), n)

    def latest(self, entities: list[_Entity]) -> list[_Entity]:
        """Those of `entities` that spoke in this article, the latest first."""
        return sorted((e for e in entities if e in self.recent), key=lambda e: -self.recent[e])

    def same_head(self, head: str | None) -> _Entity | None:
        """The latest unnamed source whose head noun is `head`, shares its first four letters
        or differs from it by a plural -s ("the official" after "officials")."""
        if not head:
            return None
        head = head.lower()
        hits = [h for h in (self.heads.get(("prefix", head[:4])), self.heads.get(("bare", head.rstrip("s")))) if h]
        return max(hits, key=lambda h: h[0])[1] if hits else None

    def nearest(self, entity: _Entity, n: int) -> tuple[bool, int]:
        """(after n?, distance) of the place nearest `n` where `entity` speaks, earlier first."""
        places = self.places[entity]
        i = bisect.bisect_left(places, n)
        return (False, n - places[i - 1]) if i > 0 else (True, places[i] - n)


def _match(d: Described, mention: str, here: _Here, index: _Index) -> _Entity | None:
    """The entity a mention belongs to: this article's speakers first, then everyone's."""
    generic = _generic(d, mention)  # "مراقبون", "البيان", "الفصيل": this article's source, not another's
    if d.kind == "unnamed":
        if d.backref:
            found = here.same_head(d.head)
            if found is not None:
                return found
        found = index.unnamed(_unnamed_key(mention))
        return (here.latest(found) + ([] if generic else found) + [None])[0]
    if not d.name:
        return None  # a bare role: settled once the article's named speakers are known
    candidates = index.named(d.kind, d.name)
    for e in here.latest(candidates):
        if _same_name(d.name, e):
            return e
    if generic:
        return None
    hits = [e for e in candidates if _same_name(d.name, e)]
    return hits[0] if len(hits) == 1 else None


def _generic(d: Described, mention: str) -> bool:
    """A one-word source ("مراقبون", "مصادر", "المتحدثة", "البيان") or a bare organisation
    noun ("الفصيل", "الحكومة") names someone only within its article."""
    words = [w for w in normalize(mention).split() if w not in lx.SAME_WORDS]
    if len(words) != 1:
        return False
    word = words[0].strip('"«»“”')
    return d.kind == "unnamed" or (d.kind == "organisation" and word in lx.ORG_HEADS)


@lru_cache(maxsize=65536)  # asked again for every comparison with an entity's names
def _parts(name: str) -> tuple[str, ...]:
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
    return tuple(parts)


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
    return frozenset(_ROLE_SYNONYMS.get(w, w) for w in (_role_word(w) for w in words)
                     if w not in _ROLE_NOISE and w not in lx.EN_NATIONALITIES and not w.endswith(("'s", "’s"))
                     and w not in lx.NATIONALITIES)


def _role_word(word: str) -> str:
    """A role word without its article and a glued و or لـ: "والصيد", "للمعهد", "لبحوث"
    ("المدير العام للمعهد ... لبحوث المحيطات" and "مدير معهد بحوث المحيطات" share them)."""
    word = re.sub(r"^(?:وال|ال|لل)(?=\w\w)", "", word)
    return word[1:] if word.startswith("ل") and len(word) >= 5 else word


_ROLE_SYNONYMS = {normalize(k): normalize(v) for k, v in {
    "حكومة": "وزراء", "ناطق": "متحدث", "government": "minister", "premier": "prime",
    "spokeswoman": "spokesman", "spokesperson": "spokesman",
}.items()}
_ROLE_NOISE = frozenset(normalize(w) for w in ["في", "باسم", "عن", "لدى", "the", "of", "for", "a", "an", "at", "to"])


def _office_backref(d: Described) -> bool:
    """"النائب", "المستشار", "المتحدث": a definite head that is both an unnamed-source head
    and an office, so it may point back to a person named with that office."""
    return d.kind == "unnamed" and d.backref and not d.name and d.role is not None \
        and len(normalize(d.role).split()) == 1 and normalize(d.role) in lx.ROLE_HEADS


def _role_only(d: Described, n: int, local: list, here: _Here, follow: bool = True) -> _Entity | None:
    """A role with no name: the person with that role in this article, else (as in a news
    lead: "the head of Central Command said ..." then "Gen. Michael Kurilla told ...") the
    person named by the very next claim, when nothing says their role differs."""
    key = _role_key(d.role or "")
    people = [e for e in here.places if e.kind == "person"]
    for fits in (lambda k: key == k, lambda k: key <= k):
        found = [e for e in people if key and any(fits(k) for k in e.role_keys)]
        if found:
            return min(found, key=lambda e: here.nearest(e, n))  # nearest earlier first
    if not follow:
        return None
    nxt = local[n + 1][2] if n + 1 < len(local) else None
    # only this article's roles for them: roles known from other articles would make the answer
    # depend on which article was stored first
    if nxt is not None and nxt.kind == "person" and nxt.names and not any(
            (c.role or dd.role) and not dd.backref for c, dd, e in local if e is nxt):
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


_ACCUSATIVE_ENDINGS = ("اً", "ًا")


def _nominative(mention: str) -> str:
    """"مسؤولاً عسكرياً كبيراً" (the subject of إنّ) -> "مسؤول عسكري كبير": an unnamed
    source is named as a reader would name it, whatever case the sentence put it in."""
    words = mention.split()
    if not words or not words[0].endswith(_ACCUSATIVE_ENDINGS):
        return mention
    return " ".join(w[:-2] if w.endswith(_ACCUSATIVE_ENDINGS) else w for w in words)


_SENIOR = frozenset(normalize(w) for w in ["كبير", "رفيع", "بارز"])
_LEVEL = frozenset(normalize(w) for w in ["المستوى"])


def _unnamed_key(mention: str) -> str:
    """An unnamed source as a key: nominative, folded, and "كبير" / "رفيع المستوى" / "بارز"
    (senior) read alike, so "مسؤولاً عسكرياً كبيراً" finds "مسؤول عسكري رفيع المستوى"."""
    words = [w for w in normalize(_nominative(mention)).lower().split() if w not in _LEVEL]
    return " ".join("كبير" if w in _SENIOR else w for w in words)


def _speaker(e: _Entity, sid: str) -> Speaker:
    roles = Counter(e.roles)
    role = max(roles, key=lambda r: (roles[r], len(r))) if roles else None
    name = e.canonical
    if e.kind == "unnamed" and role is None:
        role = name
    aliases = tuple(a for a in dict.fromkeys([*e.aliases, *e.names.values()]) if a != name)
    return Speaker(id=sid, name=name, kind=e.kind, role=role, aliases=aliases)
