"""The extractor records a denial on the claim; judge and export read it from there."""
import hashlib

from claimcheck.extract import extract_claims
from claimcheck.extract.denial import position
from claimcheck.records import Article


def claims_of(text, lang="ar"):
    article = Article(id="d", text=text, source="d.txt", sha256=hashlib.sha256(text.encode()).hexdigest(), lang=lang)
    return extract_claims(article)


def test_a_statement_under_a_denial_cue_is_marked_as_denied():
    (denied,) = claims_of("ونفى وزير الداخلية سامي العبدالله أن تكون الشرطة قد اعتقلت الصحفيين.\n")
    assert denied.denies and position(denied).startswith("ليس صحيحاً أن ")
    (said,) = claims_of("وقال وزير الداخلية سامي العبدالله إن الشرطة اعتقلت الصحفيين.\n")
    assert not said.denies and position(said) == said.text


def test_an_english_denial_is_marked_too():
    (denied,) = claims_of("The minister, Sam Abdullah, denied that police had arrested the reporters.\n", "en")
    assert denied.denies and position(denied) == "It is not true that " + denied.text
