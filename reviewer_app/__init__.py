"""reviewer-app: the examiner's side of the dependent eligibility survey (被扶養者資格調査)."""

__version__ = "0.1.0"
