"""The cleaning stage's logic: a scraped page in, the article's own text out.

Plain Python with no Kafka or Faust import; the stage's agent binds it to topics.
"""

from __future__ import annotations

from .cleaner import clean_article, explain_cleaning
from .decisions import LineDecision, Reason

__all__ = ["LineDecision", "Reason", "clean_article", "explain_cleaning"]
