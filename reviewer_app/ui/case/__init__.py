"""The case page's parts: the tabs (調査票, 書類, 不備連絡, and the six together), the header, the
income save queue, the case operations, conflict resolution and the attachments' list."""
