"""Disputes: group a run's pair judgements into disagreements with two sides.

A fact-checker asks "who says X, who says not-X", not "which pairs contradict". From every
judged pair of a run (flagged or not) this builds a signed graph over claims:

- a contradiction edge for each flag at or above the threshold (weight: its score), unless a
  reviewer rejected it (a reviewer's "agree" turns it into an agreement edge);
- an agreement edge for each pair below the threshold whose NLI says one entails the other
  strongly, or both entail each other (weight: the stronger entailment).

Each connected component is split into two sides by the cut that satisfies the most edge weight
(contradictions across, agreements within): a Kruskal-style start on the heaviest edges, then
single-claim moves while any move gains. A contradiction left inside one side has been outvoted
by the agreements around it and is not reported as evidence. A side is the claims with a
contradiction across ("core") plus claims agreeing directly with a core claim, so a chain of
loose entailments cannot grow one dispute over the whole store. A speaker is never on both sides
unless their statements there are dated one side before the other (a reversal); otherwise the
speaker's claims on their weaker side leave the dispute.

Disputes are computed on read (`report`, `review`) rather than stored: they are a pure function
of the run's judgements, the claims, the threshold and the pair verdicts, all already in the
store, and take milliseconds, so they can never go stale when a reviewer rejects a pair or the
threshold changes. What must persist - a reviewer's verdict on a dispute, a claim they moved -
is stored against the dispute id, which is derived from the member claims as grouped here.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Iterable, Mapping

from claimcheck.records import Claim, Dispute, DisputeVerdict, Flag, Side, Speaker, Verdict

# A pair below the threshold agrees when one statement entails the other this strongly...
AGREE_ONE_WAY = 0.80
# ...or each entails the other at least this much.
AGREE_BOTH_WAYS = 0.50
# An "agreement" with this much contradiction probability either way is too mixed to count.
AGREE_MAX_CONTRADICTION = 0.30
_LOCAL_SEARCH_ROUNDS = 50
# Share of claims (Jaccard) a current dispute must have in common with a changed one to inherit its answers.
SUCCESSOR_OVERLAP = 0.5
# The pull of a speaker's other claims on one question towards the same side (see same_speaker_ties).
SAME_SPEAKER_TIE = 0.5
# Louvain's resolution: 1 is plain modularity; higher splits a story into more, smaller questions.
TOPIC_RESOLUTION = 1.0
# Claims a question may hold before its component is split into communities: about what a
# fact-checker reads as one dispute.
MAX_TOPIC_CLAIMS = 16
LOUVAIN_SEED = 15  # Louvain visits nodes in a random order: a fixed seed makes disputes reproducible


@dataclass(frozen=True)
class Edge:
    a: str
    b: str
    contradiction: bool    # False: agreement
    weight: float
    judgement: str         # the pair (flag) id


def speaker_key(claim: Claim, unnamed: set[str] = frozenset()) -> str:
    """Who stands behind a claim: its speaker id, or the claim itself when unattributed or when
    the speaker is a generic "unnamed" one (two anonymous sources are not one person)."""
    if claim.speaker_id and claim.speaker_id not in unnamed:
        return claim.speaker_id
    return f"claim:{claim.id}"


def claim_when(claim: Claim) -> str | None:
    return claim.claim_date or claim.date


def edges_from(judgements: Iterable[tuple[Flag, Verdict | None]], threshold: float) -> list[Edge]:
    """The signed edges a run's judgements give, after the reviewers' pair verdicts."""
    edges = []
    for flag, verdict in judgements:
        answer = verdict.verdict if verdict else None
        if answer == "rejected":
            continue
        if answer == "agree":
            edges.append(Edge(flag.a, flag.b, False, 1.0, flag.id))
        elif flag.score >= threshold or answer == "confirmed":
            edges.append(Edge(flag.a, flag.b, True, max(flag.score, threshold) if answer else flag.score, flag.id))
        else:
            ab, ba = flag.nli_ab.get("entailment", 0.0), flag.nli_ba.get("entailment", 0.0)
            mixed = max(flag.nli_ab.get("contradiction", 0.0), flag.nli_ba.get("contradiction", 0.0))
            if (max(ab, ba) >= AGREE_ONE_WAY or min(ab, ba) >= AGREE_BOTH_WAYS) and mixed < AGREE_MAX_CONTRADICTION:
                edges.append(Edge(flag.a, flag.b, False, max(ab, ba), flag.id))
    return edges


def dispute_id(claim_ids: Iterable[str]) -> str:
    return "d" + hashlib.sha1("\n".join(sorted(claim_ids)).encode()).hexdigest()[:12]


# -- the two-sided cut -------------------------------------------------------------------------
def _components(nodes: Iterable[str], edges: list[Edge]) -> list[set[str]]:
    parent = {n: n for n in nodes}

    def find(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for e in edges:
        parent[find(e.a)] = find(e.b)
    groups: dict[str, set[str]] = defaultdict(set)
    for n in parent:
        groups[find(n)].add(n)
    return list(groups.values())


def two_sides(nodes: set[str], edges: list[Edge]) -> dict[str, int]:
    """Side 0 or 1 for each node, satisfying as much edge weight as a greedy search finds."""
    # Start: heaviest edges first, each merging two groups with the parity the edge asks for.
    group = {n: n for n in nodes}
    members = {n: [n] for n in nodes}
    side = {n: 0 for n in nodes}
    for e in sorted(edges, key=lambda e: (-e.weight, e.judgement)):
        ga, gb = group[e.a], group[e.b]
        if ga == gb:
            continue
        flip = (side[e.a] == side[e.b]) == e.contradiction  # make e.b's group satisfy this edge
        if len(members[ga]) < len(members[gb]):
            ga, gb = gb, ga
        for n in members[gb]:
            group[n] = ga
            if flip:
                side[n] ^= 1
        members[ga].extend(members.pop(gb))
    # Then move single claims while a move satisfies more weight than it breaks.
    around: dict[str, list[Edge]] = defaultdict(list)
    for e in edges:
        around[e.a].append(e)
        around[e.b].append(e)

    def gain(n: str) -> float:
        total = 0.0
        for e in around[n]:
            other = e.b if e.a == n else e.a
            satisfied = (side[n] != side[other]) == e.contradiction
            total += -e.weight if satisfied else e.weight
        return total

    for _ in range(_LOCAL_SEARCH_ROUNDS):
        moved = False
        for n in sorted(nodes):
            if gain(n) > 1e-9:
                side[n] ^= 1
                moved = True
        if not moved:
            break
    return side


# -- building disputes ---------------------------------------------------------------------------
class _Builder:
    def __init__(self, claims: Mapping[str, Claim], edges: list[Edge], unnamed: set[str]):
        self.claims, self.unnamed = claims, unnamed
        self.edges = [e for e in edges if e.a in claims and e.b in claims and e.a != e.b]
        self.around: dict[str, list[Edge]] = defaultdict(list)
        for e in self.edges:
            self.around[e.a].append(e)
            self.around[e.b].append(e)

    def within(self, nodes: Mapping[str, object] | set[str]) -> list[Edge]:
        """The edges with both ends among `nodes` (found through each node's own edges)."""
        seen: dict[int, Edge] = {}
        for n in nodes:
            for e in self.around.get(n, ()):
                if e.a in nodes and e.b in nodes:
                    seen[id(e)] = e
        return sorted(seen.values(), key=lambda e: (e.judgement, e.a, e.b))

    def speaker(self, claim_id: str) -> str:
        return speaker_key(self.claims[claim_id], self.unnamed)

    def groups(self) -> list[dict[str, int]]:
        """Side assignments (claim -> 0/1) of every raw dispute, before reviewer moves."""
        out = []
        for topic in self.topics():
            inner = self.within(topic)
            if not any(e.contradiction for e in inner):
                continue
            side = two_sides(topic, inner + self.same_speaker_ties(topic, inner))
            out.extend(self._trim(side))
        return out

    def same_speaker_ties(self, topic: set[str], inner: list[Edge]) -> list[Edge]:
        """A speaker's claims on one question lean to one side: a weak agreement between each two of
        them that no judgement contradicts. Used for the cut only, never reported as evidence."""
        judged = {frozenset((e.a, e.b)) for e in inner}
        by_speaker: dict[str, list[str]] = defaultdict(list)
        for n in sorted(topic):
            by_speaker[self.speaker(n)].append(n)
        return [Edge(a, b, False, SAME_SPEAKER_TIE, f"same-speaker:{a}|{b}")
                for ids in by_speaker.values() for i, a in enumerate(ids) for b in ids[i + 1:]
                if frozenset((a, b)) not in judged]

    def topics(self) -> list[set[str]]:
        """Groups of claims about one question. News on one story judges almost every claim against
        some other, so a connected component can hold every question of the story; a component
        too big to read as one dispute is split into its communities (Louvain, modularity) of the
        graph whose ties are all the edges whatever their sign, and again while one is too big.
        Smaller components stay whole: modularity splits even a clean two-camp dispute."""
        import networkx as nx

        graph = nx.Graph()
        graph.add_nodes_from(sorted({n for e in self.edges for n in (e.a, e.b)}))
        for e in sorted(self.edges, key=lambda e: e.judgement):
            weight = graph.get_edge_data(e.a, e.b, {}).get("weight", 0.0)
            graph.add_edge(e.a, e.b, weight=weight + e.weight)
        topics, pending = [], sorted((set(c) for c in nx.connected_components(graph)), key=min)
        while pending:
            group = pending.pop(0)
            parts = [group] if len(group) <= MAX_TOPIC_CLAIMS else nx.community.louvain_communities(
                graph.subgraph(group), weight="weight", resolution=TOPIC_RESOLUTION, seed=LOUVAIN_SEED)
            if len(parts) == 1:
                topics.append(group)
            else:
                pending.extend(sorted((set(p) for p in parts), key=min))
        return [set(t) for t in topics]

    def _trim(self, side: dict[str, int]) -> list[dict[str, int]]:
        """Keep the core (claims with a contradiction across) and claims agreeing with it; split
        what falls apart; enforce one side per speaker unless dated as a reversal."""
        result = []
        pending = [side]
        while pending:
            side = pending.pop()
            kept = self._core_and_agreeing(side)
            if not kept:
                continue
            parts = _components(kept, [e for e in self._satisfied(kept)])
            if len(parts) > 1:
                pending.extend({n: kept[n] for n in part} for part in parts)
                continue
            loser = self._speaker_on_both_sides(kept)
            if loser is not None:
                pending.append({n: s for n, s in kept.items() if n not in loser})
                continue
            result.append(kept)
        return result

    def _satisfied(self, side: Mapping[str, int]) -> list[Edge]:
        return [e for e in self.within(side) if (side[e.a] != side[e.b]) == e.contradiction]

    def _core_and_agreeing(self, side: Mapping[str, int]) -> dict[str, int]:
        core = {n for e in self._satisfied(side) if e.contradiction for n in (e.a, e.b)}
        kept = {n: side[n] for n in core}
        for e in self._satisfied(side):
            if not e.contradiction:
                for n, other in ((e.a, e.b), (e.b, e.a)):
                    if other in core and n not in kept:
                        kept[n] = side[n]
        return kept

    def _support(self, claim_id: str, side: Mapping[str, int]) -> float:
        return sum(e.weight for e in self.around[claim_id]
                   if (other := e.b if e.a == claim_id else e.a) in side
                   and (side[claim_id] != side[other]) == e.contradiction)

    def is_dated_reversal(self, claim_ids: list[str], side: Mapping[str, int]) -> bool:
        """The speaker's own claims contradict each other across the sides, and every claim on one
        side was made before every claim on the other."""
        own = set(claim_ids)
        if not any(e.contradiction and e.a in own and e.b in own and side[e.a] != side[e.b]
                   for n in claim_ids for e in self.around[n]):
            return False
        dates = {0: [], 1: []}
        for n in claim_ids:
            when = claim_when(self.claims[n])
            if when is None:
                return False
            dates[side[n]].append(when)
        return max(dates[0]) < min(dates[1]) or max(dates[1]) < min(dates[0])

    def _speaker_on_both_sides(self, side: Mapping[str, int]) -> set[str] | None:
        """The claims to drop for the first speaker found on both sides without a dated reversal."""
        by_speaker: dict[str, list[str]] = defaultdict(list)
        for n in sorted(side):
            by_speaker[self.speaker(n)].append(n)
        for speaker, ids in sorted(by_speaker.items()):
            if len({side[n] for n in ids}) < 2 or self.is_dated_reversal(ids, side):
                continue
            support = {s: sum(self._support(n, side) for n in ids if side[n] == s) for s in (0, 1)}
            weaker = 0 if (support[0], 0) < (support[1], 1) else 1
            return {n for n in ids if side[n] == weaker}
        return None

    # -- from a side assignment to a Dispute --------------------------------------------------
    def dispute(self, ident: str, side: Mapping[str, int], fixed: bool = False) -> Dispute | None:
        """The Dispute for a side assignment; side 0 is the proposition's side, unless `fixed`
        (after a reviewer's moves: the sides stay where the reviewer saw them)."""
        inside = self.within(side)
        evidence = sorted((e for e in inside if e.contradiction and side[e.a] != side[e.b]),
                          key=lambda e: (-e.weight, e.judgement))
        if not fixed and (not evidence or len({side[n] for n in side}) < 2):
            return None
        agreements = sorted(e.judgement for e in inside if not e.contradiction and side[e.a] == side[e.b])
        outvoted = sorted(e.judgement for e in inside if e.contradiction and side[e.a] == side[e.b])
        best: dict[frozenset, float] = {}
        for e in evidence:
            pair = frozenset((self.speaker(e.a), self.speaker(e.b)))
            best[pair] = max(best.get(pair, 0.0), e.weight)
        centrality = {n: self._support(n, side) for n in side}
        pool = [n for n in side if side[n] == 0] if fixed else list(side)
        proposition = min(pool or side, key=lambda n: (-centrality[n], claim_when(self.claims[n]) or "9999", n))
        first = 0 if fixed else side[proposition]
        sides = []
        for s in (first, 1 - first):
            ids = sorted((n for n in side if side[n] == s), key=lambda n: (claim_when(self.claims[n]) or "9999", n))
            speakers = list(dict.fromkeys(self.speaker(n) for n in ids))
            sides.append(Side(claims=tuple(ids), speakers=tuple(speakers)))
        both = sorted(set(sides[0].speakers) & set(sides[1].speakers))
        return Dispute(id=ident, kind="reversal" if both else "dispute", proposition=proposition,
                       sides=(sides[0], sides[1]), evidence=tuple(e.judgement for e in evidence),
                       agreements=tuple(agreements), outvoted=tuple(outvoted),
                       strength=round(sum(best.values()), 6),
                       speakers=len(set(sides[0].speakers) | set(sides[1].speakers)), reversed_by=tuple(both))


def latest_placements(verdicts: Iterable[DisputeVerdict]) -> dict[str, dict[str, int | None]]:
    """dispute id -> claim id -> side (None: out), from the moves in store order (latest wins)."""
    placed: dict[str, dict[str, int | None]] = defaultdict(dict)
    for v in verdicts:
        if v.claim is not None:
            placed[v.dispute_id][v.claim] = v.side
    return dict(placed)


def build_disputes(judgements: Iterable[tuple[Flag, Verdict | None]], claims: Mapping[str, Claim],
                   threshold: float, *, speakers: Iterable[Speaker] = (),
                   placements: Mapping[str, Mapping[str, int | None]] | None = None) -> list[Dispute]:
    """The disputes in a run's judgements, strongest first.

    `judgements` are all judged pairs of the run with their latest pair verdicts (store.flags
    with min_score 0); pairs whose claims are not in `claims` are ignored (so a date filter is
    applied by passing only the claims in range). `placements` are reviewers' moves, by
    dispute id: a claim placed on side 0/1 (of the dispute as first shown) or None (out).
    """
    unnamed = {s.id for s in speakers if s.kind == "unnamed"}
    builder = _Builder(claims, edges_from(judgements, threshold), unnamed)
    out = []
    for side in builder.groups():
        ident = dispute_id(side)
        raw = builder.dispute(ident, side)
        if raw is None:
            continue
        moves = (placements or {}).get(ident)
        if moves:
            # Sides as first shown: side 0 holds the proposition, whatever the cut's labels were.
            shown = {n: i for i, s in enumerate(raw.sides) for n in s.claims}
            for claim_id, target in moves.items():
                if target is None:
                    shown.pop(claim_id, None)
                elif claim_id in claims:
                    shown[claim_id] = target
            raw = builder.dispute(ident, shown, fixed=True) if shown else None
        if raw is not None:
            out.append(raw)
    out.sort(key=lambda d: (-d.strength, -d.speakers, d.id))
    return out


def in_window(claim: Claim, since: str | None, until: str | None) -> bool:
    """Whether a statement falls in [since, until] (ISO dates, inclusive) by when it was made
    (else its article's date); with a bound given, an undated statement does not."""
    if since is None and until is None:
        return True
    when = claim_when(claim)
    if when is None:
        return False
    return (since is None or when[:10] >= since) and (until is None or when[:10] <= until)


def successors(disputes: list[Dispute], verdicts: Iterable[DisputeVerdict]) -> dict[str, str]:
    """Old dispute id -> the current dispute that continues it, for answers given on a dispute
    whose members have since changed (a new article joined it): the current dispute sharing the
    most of the claims the reviewer saw, if that is at least half of both together (Jaccard)."""
    current = {d.id: {c for s in d.sides for c in s.claims} for d in disputes}
    seen: dict[str, set[str]] = {}
    for v in verdicts:
        if v.dispute_id not in current and v.members:
            seen.setdefault(v.dispute_id, set()).update(v.members)
    out = {}
    for old, members in sorted(seen.items()):
        best = max(((len(members & m) / len(members | m), new) for new, m in current.items()), default=(0.0, ""))
        if best[0] >= SUCCESSOR_OVERLAP:
            out[old] = best[1]
    return out


def from_store(store, run_id: int, threshold: float, *, since: str | None = None, until: str | None = None
               ) -> tuple[list[Dispute], dict[str, Claim], list[DisputeVerdict]]:
    """The disputes of a stored run with reviewers' moves applied, the claims they draw on, and
    the dispute verdicts (those given on a dispute that has since changed members re-addressed
    to its successor). A date window keeps only the statements made inside it, before grouping."""
    judgements = store.flags(run_id, 0.0)
    claims = {c.id: c for c in store.claims({i for f, _ in judgements for i in (f.a, f.b)})} if judgements else {}
    claims = {i: c for i, c in claims.items() if in_window(c, since, until)}
    speakers = store.speakers()
    verdicts = store.dispute_verdicts()
    if verdicts:
        raw = build_disputes(judgements, claims, threshold, speakers=speakers)
        moved = successors(raw, verdicts)
        verdicts = [replace(v, dispute_id=moved.get(v.dispute_id, v.dispute_id)) for v in verdicts]
    disputes = build_disputes(judgements, claims, threshold, speakers=speakers,
                              placements=latest_placements(verdicts))
    return disputes, claims, verdicts
