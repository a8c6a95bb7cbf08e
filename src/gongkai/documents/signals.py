"""Signals other domains listen to, so the library never imports them.

`document_stored` is sent after the transaction that created or changed a document commits, with
`document_ids`: search reindexes them, the assistant marks their passages for embedding.
"""

from django.dispatch import Signal

document_stored = Signal()
