"""`claims` time against article size, up to the size cap (a benchmark, not a test).

    python scripts/bench_extract_size.py [--max-bytes 20000000] [--max-seconds 120] [--kinds ar,en,en-base64]

Builds articles of growing size from generated sentences (Arabic and English news prose with
cue verbs, quotes, speakers named in full and by surname, roles and numbers) and one English
Markdown article with a single embedded base64 image (one long token), then times what
`claimcheck claims` does on each: read the file, extract the claims, resolve the speakers.
Sizes double until the cap (config max_article_bytes) or until one size takes longer than
--max-seconds; the sizes left out are printed as skipped. Wall-clock columns share the CPU
with whatever else runs; "cpu s" is this process's own CPU time, the steadier figure.
"""
from __future__ import annotations

import argparse
import base64
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimcheck.config import Settings  # noqa: E402
from claimcheck.extract import extract_claims  # noqa: E402
from claimcheck.extract.speakers import resolve_speakers  # noqa: E402
from claimcheck.ingest import read_inputs  # noqa: E402

AR_GIVEN = ["سليم", "نادية", "كريم", "هدى", "فارس", "ريم", "ماهر", "سعاد", "وائل", "لينا", "عادل", "منى"]
AR_FAMILY = ["الراشد", "الخطيب", "المصري", "الحداد", "النجار", "العطار", "الصباغ", "القاسم", "الدباغ", "الفارس"]
AR_ROLES = ["وزير المالية", "رئيس البلدية", "المتحدث باسم الحكومة", "مدير الميناء", "رئيسة النقابة",
            "وزير الطاقة", "محافظ المدينة"]
AR_TOPICS = ["الموازنة الجديدة", "أسعار الوقود", "مشروع السد", "إضراب العمال", "خطة النقل", "شبكة الكهرباء"]
AR_FACTS = ["سترتفع بنسبة {n} في المئة العام المقبل", "لن تتأخر أكثر من {n} أسابيع",
            "تحتاج إلى {n} مليون دولار إضافية", "انتهت بالكامل قبل {n} أيام", "ما زالت مستمرة منذ {n} شهراً"]

EN_GIVEN = ["Laura", "Omar", "Peter", "Dina", "Samuel", "Grace", "Hassan", "Irene", "Victor", "Mona"]
EN_FAMILY = ["Whitfield", "Haddad", "Moreno", "Okafor", "Lindqvist", "Barros", "Karimi", "Doyle"]
EN_ROLES = ["Finance Minister", "the port director", "a union spokeswoman", "the city mayor", "Energy Secretary"]
EN_TOPICS = ["the new budget", "fuel prices", "the dam project", "the dock strike", "the rail plan", "the grid upgrade"]
EN_FACTS = ["will rise by {n} percent next year", "would not slip by more than {n} weeks",
            "needs another {n} million dollars", "ended completely {n} days ago", "has been going on for {n} months"]


def arabic_sentence(rng: random.Random) -> str:
    name = f"{rng.choice(AR_GIVEN)} {rng.choice(AR_FAMILY)}"
    fact = f"{rng.choice(AR_TOPICS)} {rng.choice(AR_FACTS).format(n=rng.randint(2, 90))}"
    return rng.choice([
        f"وقال {rng.choice(AR_ROLES)} {name} إن {fact}.",
        f"وأكد {name.split()[1]} أن {fact}.",
        f"وأضاف أن {fact}، مشيراً إلى أن {rng.choice(AR_TOPICS)} ما زالت قيد الدرس.",
        f"ونفى {name} أن تكون {fact}.",
        f"وقالت مصادر مطلعة إن {fact}.",
        f"«{fact}»، يقول {name}.",
        f"وتابع {rng.choice(AR_ROLES)}: «{fact}».",
        f"وشهدت المدينة أمس اجتماعاً مطولاً حول {rng.choice(AR_TOPICS)} حضره عدد من الخبراء.",
    ])


def english_sentence(rng: random.Random) -> str:
    name = f"{rng.choice(EN_GIVEN)} {rng.choice(EN_FAMILY)}"
    fact = f"{rng.choice(EN_TOPICS)} {rng.choice(EN_FACTS).format(n=rng.randint(2, 90))}"
    return rng.choice([
        f"{rng.choice(EN_ROLES)} {name} said that {fact}.",
        f"{name.split()[1]} told reporters on Monday that {fact}.",
        f"\"The answer is that {fact},\" {name} said.",
        f"According to {name}, {fact}.",
        f"{name} said {fact}, adding that {rng.choice(EN_TOPICS)} was still under review.",
        f"Officials met for hours on Tuesday to discuss {rng.choice(EN_TOPICS)} with outside experts.",
    ])


def article(kind: str, size: int, seed: int = 7) -> str:
    """About `size` bytes of generated text of one kind, paragraphs of five sentences."""
    rng = random.Random(seed)
    sentence = arabic_sentence if kind == "ar" else english_sentence
    title = "# Budget row deepens\n\n" if kind != "ar" else "خلاف حول الموازنة\n\n"
    parts, used = [title], len(title.encode())
    image = ""
    if kind == "en-base64":  # one inline image as a saved page writes it: a single ~60 KB token
        blob = base64.b64encode(rng.randbytes(45_000)).decode()
        image = f"\n\n<img alt=\"chart\" src=\"data:image/png;base64,{blob}\">\n\n"
        used += len(image)
    while used < size:
        para = " ".join(sentence(rng) for _ in range(5)) + "\n\n"
        parts.append(para)
        used += len(para.encode())
        if image and used >= size // 2:
            parts.append(image)
            image = ""
    return "".join(parts)


def run(kind: str, size: int, folder: Path) -> dict:
    suffix = ".md" if kind != "ar" else ".txt"
    path = folder / f"{kind}-{size}{suffix}"
    path.write_text(article(kind, size), encoding="utf-8")
    c0, t0 = time.process_time(), time.perf_counter()
    articles, errors = read_inputs([str(path)], Settings().max_article_bytes)
    if errors:
        raise SystemExit(f"{path}: {errors[0]}")
    t1 = time.perf_counter()
    claims = extract_claims(articles[0])
    t2 = time.perf_counter()
    claims, speakers = resolve_speakers(claims, [])
    t3, c3 = time.perf_counter(), time.process_time()
    return {"bytes": path.stat().st_size, "claims": len(claims), "speakers": len(speakers),
            "read": t1 - t0, "extract": t2 - t1, "speakers_s": t3 - t2, "total": t3 - t0, "cpu": c3 - c0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-bytes", type=int, default=Settings().max_article_bytes)
    parser.add_argument("--start-bytes", type=int, default=20_000)
    parser.add_argument("--max-seconds", type=float, default=120.0,
                        help="stop growing a kind once one size takes longer than this")
    parser.add_argument("--kinds", default="ar,en,en-base64")
    args = parser.parse_args(argv)
    print(f"{'kind':10} {'bytes':>10} {'claims':>7} {'speakers':>8} {'read s':>7} {'extract s':>9} "
          f"{'speakers s':>10} {'total s':>8} {'cpu s':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.kinds.split(","):
            sizes, size = [], args.start_bytes
            while size < args.max_bytes:
                sizes.append(size)
                size *= 2
            sizes.append(args.max_bytes - 1024)  # just under the cap
            if kind == "en-base64":
                sizes = [80_000] + [s for s in sizes if s > 80_000]  # the reported 80 KB file first
            for n, size in enumerate(sizes):
                r = run(kind, size, Path(tmp))
                print(f"{kind:10} {r['bytes']:>10} {r['claims']:>7} {r['speakers']:>8} {r['read']:>7.2f} "
                      f"{r['extract']:>9.2f} {r['speakers_s']:>10.2f} {r['total']:>8.2f} {r['cpu']:>7.2f}", flush=True)
                if r["total"] > args.max_seconds and n + 1 < len(sizes):
                    print(f"{kind:10} skipped {', '.join(str(s) for s in sizes[n + 1:])} bytes: "
                          f"{r['total']:.0f} s > --max-seconds {args.max_seconds:.0f}", flush=True)
                    break
    return 0


if __name__ == "__main__":
    sys.exit(main())
