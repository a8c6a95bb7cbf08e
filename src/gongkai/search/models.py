"""The search index (检索索引) and the vocabulary administrators maintain: terms and synonyms."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Agency
from gongkai.documents.choices import Disclosure, DocType, Validity
from gongkai.documents.models import Document, Part


class Term(models.Model):
    """A word the segmenter must keep whole (一网通办, 免申即享), on top of the shipped term list.

    Queries see a new term within seconds; documents stored earlier are segmented with the new
    term only after `gongkai reindex`.
    """

    word = models.CharField(_("term"), max_length=50, unique=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word


class Synonym(models.Model):
    """A group of equivalent terms (医保, 医疗保险, 基本医疗保险): a query for one finds all of them."""

    terms = models.TextField(_("equivalent terms"), help_text=_("Separate the terms with spaces, commas or new lines."))
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")
        ordering = ["id"]

    def __str__(self) -> str:
        return " ↔ ".join(self.term_list())

    def term_list(self) -> list[str]:
        words = self.terms.replace("，", ",").replace("、", ",").replace(",", " ").split()
        return list(dict.fromkeys(word.strip() for word in words if word.strip()))


class EntryKind(models.TextChoices):
    DOCUMENT = "document", _("Whole document")
    ARTICLE = "article", _("Article")
    SECTION = "section", _("Section")


class SearchEntry(models.Model):
    """One searchable unit: a whole document, one of its articles (第X条) or one headed section.

    The filter columns copy the document's metadata so a search never joins the library tables.
    `title_tokens` and `body_tokens` contain the segmented text as space-separated tokens. The
    full-text index (FTS5 on SQLite, a tsvector column with a GIN index on PostgreSQL) is built
    over them. `length` is the number of tokens in both columns, the document length of BM25.
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="search_entries")
    part = models.ForeignKey(Part, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=EntryKind.choices)
    label = models.CharField(max_length=200, blank=True)
    anchor = models.CharField(max_length=32, blank=True)
    position = models.PositiveIntegerField(default=0)

    version_root_id = models.BigIntegerField(db_index=True, help_text="Id of the first version of the text.")
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    doc_type = models.CharField(max_length=32, choices=DocType.choices)
    subject = models.CharField(max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    publish_date = models.DateField(null=True, blank=True)
    validity = models.CharField(max_length=16, choices=Validity.choices)
    disclosure = models.CharField(max_length=16, choices=Disclosure.choices)
    is_current = models.BooleanField(default=True)

    length = models.PositiveIntegerField(default=0)
    # Keep the long token columns last (see the initial migration).
    title_tokens = models.TextField(blank=True)
    body_tokens = models.TextField(blank=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [models.Index(fields=["document", "kind"])]

    def __str__(self) -> str:
        return f"{self.document_id} {self.kind} {self.label}".strip()


class QueryStat(models.Model):
    """How often the public searched for a query in one week, and how often it found nothing.

    Only the normalised query text is kept: no user, address or time of day. Runs of six or more
    digits (telephone or identity numbers typed into the box) are replaced by # before storing.
    """

    week = models.DateField(_("week starting"), db_index=True)
    query = models.CharField(_("query"), max_length=100)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    zero_results = models.PositiveIntegerField(_("searches without results"), default=0)

    class Meta:
        verbose_name = _("query statistic")
        verbose_name_plural = _("query statistics")
        constraints = [models.UniqueConstraint(fields=["week", "query"], name="unique_query_week")]

    def __str__(self) -> str:
        return f"{self.week} {self.query}"


class IndexState(models.Model):
    """One row whose generation grows whenever the index or its vocabulary changes.

    Caches of search results and of word counts include the generation in their keys, so a
    withdrawn document or a new synonym shows in every server process at the next request.
    """

    generation = models.BigIntegerField(_("generation"), default=0)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("search index state")
        verbose_name_plural = _("search index state")

    def __str__(self) -> str:
        return str(self.generation)


class TokenCount(models.Model):
    """The number of entries of one level that contain a token: n(t) in BM25's inverse document frequency.

    Indexing keeps the counts up to date, so a search reads a row instead of counting 1.6 million
    articles that contain 规定. Levels are those of `counts`: "document" for whole documents,
    "part" for articles and sections.
    """

    level = models.CharField(max_length=8)
    token = models.CharField(max_length=100)
    # Not a PositiveIntegerField: a subtraction is written as an upsert of a negative amount.
    entries = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["level", "token"], name="unique_token_count")]

    def __str__(self) -> str:
        return f"{self.level} {self.token} {self.entries}"


class LevelTotal(models.Model):
    """The number of entries of one level and their total length in tokens: N and avgdl of BM25."""

    level = models.CharField(max_length=8, unique=True)
    entries = models.BigIntegerField(default=0)
    tokens = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.level} {self.entries}"


class PostingList(models.Model):
    """The entries of one level that contain one word, written at once by `postinglists.build`.

    `ids` contains the gaps between consecutive entry ids, the first gap counted from `first_id`.
    At the document level `body_hits` and `title_hits` contain the word's hits in each entry's body
    and title, in the same order. At the part level they are empty. Each array uses the smallest
    unsigned integer type its values fit, so its item size is its length in bytes divided by
    `entries`.
    """

    level = models.CharField(max_length=8)
    token = models.CharField(max_length=100)
    entries = models.PositiveIntegerField()
    first_id = models.BigIntegerField()
    ids = models.BinaryField()
    body_hits = models.BinaryField(blank=True, default=b"")
    title_hits = models.BinaryField(blank=True, default=b"")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["level", "token"], name="unique_posting_list")]

    def __str__(self) -> str:
        return f"{self.level} {self.token}"


class PostingListState(models.Model):
    """The single row that records which entries the posting lists cover: those with an id up to `through_id`."""

    through_id = models.BigIntegerField(default=0)
    documents = models.BigIntegerField(default=0, help_text="Whole-document entries when the lists were written.")
    built_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return str(self.through_id)
