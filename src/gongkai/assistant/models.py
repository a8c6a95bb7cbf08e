"""Passages (段落) the assistant retrieves and cites, and their embedding vectors."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.documents.models import Document, Part


class Passage(models.Model):
    """A citable unit of a document: one article (第X条), a piece of a long article, or a headed section.

    `text` is the body as printed; `heading_path` is the chain of headings above it (第二章 公开的
    主体和范围). `content_hash` is the SHA-256 of the text that is embedded (title, heading path
    and body), so identical passages of two versions of a law share one vector.
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="passages")
    part = models.ForeignKey(Part, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    position = models.PositiveIntegerField()
    label = models.CharField(max_length=50, blank=True)
    anchor = models.CharField(max_length=32, blank=True)
    heading_path = models.CharField(max_length=500, blank=True)
    text = models.TextField()
    content_hash = models.CharField(max_length=64, db_index=True)

    class Meta:
        verbose_name = _("passage")
        verbose_name_plural = _("passages")
        ordering = ["document", "position"]
        constraints = [models.UniqueConstraint(fields=["document", "position"], name="unique_passage_position")]

    def __str__(self) -> str:
        return f"{self.document_id} {self.label} {self.text[:30]}".strip()


class Embedding(models.Model):
    """The vector of one passage text under one embedding model, as little-endian float32 bytes.

    Keyed by the passage's `content_hash`, not its row, so rebuilding passages keeps the vectors
    of unchanged text. A vector of another `model` or `version` is never used.
    """

    content_hash = models.CharField(max_length=64)
    model = models.CharField(max_length=200)
    version = models.CharField(max_length=50)
    dimensions = models.PositiveSmallIntegerField()
    vector = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("embedding")
        verbose_name_plural = _("embeddings")
        constraints = [
            models.UniqueConstraint(fields=["content_hash", "model", "version"], name="unique_embedding_per_model")
        ]
        indexes = [models.Index(fields=["model", "version"])]
