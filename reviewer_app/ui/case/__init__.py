"""The case view's right-hand tabs: 調査票, 書類 and 不備連絡 (issue 4, §3)."""
