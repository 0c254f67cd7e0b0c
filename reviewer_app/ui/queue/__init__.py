"""The case queue: an item model that fetches pages as needed, and the page around it."""

from reviewer_app.ui.queue.model import CASE_ID_ROLE, Column, QueueModel
from reviewer_app.ui.queue.widget import QueueWidget

__all__ = ["CASE_ID_ROLE", "Column", "QueueModel", "QueueWidget"]
