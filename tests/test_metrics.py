from claimcheck.evaluation.metrics import precision_recall_f1


def test_precision_recall_f1_from_counts():
    prf = precision_recall_f1(2, 2, 1)
    assert (round(prf.precision, 4), round(prf.recall, 4), round(prf.f1, 4)) == (0.5, 0.6667, 0.5714)


def test_empty_denominators_score_zero_instead_of_failing():
    assert precision_recall_f1(0, 0, 3).rounded() == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert precision_recall_f1(0, 4, 0).rounded() == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
