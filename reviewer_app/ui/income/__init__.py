"""The 収入 (income) tab: employers, the month grid, other income, and the live evaluation."""

from reviewer_app.ui.income.chart import IncomeChart
from reviewer_app.ui.income.tab import IncomeTab

__all__ = ["IncomeChart", "IncomeTab"]
