"""The score so far of the Index's and the PEMAT-P's items, and the range the final score can still take."""

from __future__ import annotations

import pytest

from generator.communication_index import CDC_ITEMS, PEMAT_ITEMS, Score


@pytest.mark.parametrize("points, decided, not_applicable, to_review, verdict", [
    (2, 4, 0, 16, "16 items are left for a reviewer; the final score is known once they are answered, and will be "
                  "between 10 and 90 (90 or more passes); it reaches 90 only if every item left applies and is met."),
    (1, 4, 0, 16, "16 items are left for a reviewer; even if every one is met, the score is at most 85, under the 90 "
                  "that passes: revise the items not met."),
    (18, 19, 0, 1, "1 item is left for a reviewer; the final score is known once it is answered, and will be between "
                   "90 and 95 (90 or more passes), so it passes whatever the answers."),
    (3, 3, 0, 1, "1 item is left for a reviewer; the final score is known once it is answered, and will be between 75 "
                 "and 100 (90 or more passes); it reaches 90 only if every item left is met or does not apply."),
    (9, 10, 2, 0, "The score is 90; 90 or more passes, so it passes."),
    (0, 0, 3, 0, "No item applies, so there is no score."),
])
def test_the_verdict_says_the_score_or_the_range_it_can_still_take(points, decided, not_applicable, to_review, verdict):
    result = Score(points, decided, not_applicable, to_review, 90, "")
    assert result.verdict().split(". ", 1)[1] == verdict


def test_the_final_score_counts_only_the_items_that_apply():
    # 9 of 10 items met and 2 not applicable: 90, as the Index scores it (points earned / points possible x 100).
    assert (Score(9, 10, 2, 0, 90, "").final, Score(9, 10, 2, 0, 90, "").lowest) == (90.0, 90.0)
    assert Score(2, 4, 0, 16, 90, "").final is None


def test_the_tools_have_their_published_number_of_items():
    assert [item.number for item in CDC_ITEMS] == list(range(1, 21))
    # The PEMAT-P: 17 understandability items (13 and 14 are for audiovisual materials) and 7 actionability items.
    assert [item.number for item in PEMAT_ITEMS] == [*range(1, 13), *range(15, 27)]
    assert [item.number for item in CDC_ITEMS if item.reversed] == [17]
