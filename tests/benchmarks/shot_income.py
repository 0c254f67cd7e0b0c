"""Render the 収入 tab with the seed's example (15日締め・当月25日払い, March–May over) to PNGs.

    uv run python tests/benchmarks/shot_income.py [OUT_DIR]

Writes ``income_tab.png`` (the whole tab), ``income_chart.png`` and ``income_read_only.png``
(a supervisor's view with an input error shown in the summary).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from reviewer_app.domain.caseio import sheet_from_json
from reviewer_app.profiles import load_profile
from reviewer_app.ui.income import IncomeTab
from reviewer_app.ui.qt import QtWidgets

SEED_AMOUNTS = [98_000, 98_000, 120_000, 120_000, 120_000, 98_000,
                98_000, 98_000, 98_000, 98_000, 98_000, 98_000]


def seed_json() -> dict[str, Any]:
    payments = [{"month": f"2023-{m:02d}", "gross": g} for m, g in enumerate(SEED_AMOUNTS, 1)]
    payments += [{"month": f"2024-{m:02d}", "gross": 90_000} for m in range(1, 5)]
    return {
        "judgment_date": "2024-09-02", "target_year": 2023,
        "dependent": {"birth_date": "1985-06-01", "relationship": "spouse"},
        "insured": {"annual_income": 5_200_000},
        "employers": [{"name": "A社", "cutoff_day": 15, "pay_month_offset": 0, "pay_day": 25,
                       "payments": payments,
                       "bonuses": [{"month": "2023-07", "gross": 60_000}]}],
        "pensions": [{"kind": "survivors", "annual": 60_000}],
    }


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "shots")
    out.mkdir(parents=True, exist_ok=True)
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    try:
        from reviewer_app.ui.fonts import ensure_japanese_font

        ensure_japanese_font(app)  # type: ignore[arg-type]
    except ImportError:
        pass
    tab = IncomeTab()
    tab.resize(1400, 900)
    tab.set_sheet(sheet_from_json(seed_json()), load_profile("default"))
    tab.show()
    app.processEvents()
    tab.grab().save(str(out / "income_tab.png"))
    tab.chart.grab().save(str(out / "income_chart.png"))
    # The tab beside the document viewer: about half of a 1920-pixel screen.
    tab.resize(960, 820)
    app.processEvents()
    tab.grab().save(str(out / "income_tab_narrow.png"))
    tab.resize(1400, 900)
    broken = seed_json()
    broken["employers"][0]["bonuses"] = [{"gross": 60_000}]
    tab.set_sheet(sheet_from_json(broken), load_profile("default"))
    tab.set_read_only(True)
    app.processEvents()
    tab.grab().save(str(out / "income_read_only.png"))
    print(f"wrote PNGs to {out}/")


if __name__ == "__main__":
    main()
