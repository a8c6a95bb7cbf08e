"""factory-boy factories shared by the test suite."""

import datetime

import factory

from gongkai.core.models import Agency
from gongkai.documents.choices import Disclosure, DocType, PartKind, Validity
from gongkai.documents.models import Document, DocumentAgency, Part


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"上海市示例局{n}")
    code = factory.Sequence(lambda n: f"T{n:04d}")


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"上海市示例局关于示例事项{n}的通知")
    document_number = factory.Sequence(lambda n: f"沪示发〔2025〕{n + 1}号")
    doc_type = DocType.NOTICE
    written_date = datetime.date(2025, 3, 1)
    publish_date = datetime.date(2025, 3, 5)
    validity = Validity.VALID
    disclosure = Disclosure.PROACTIVE
    index_number = factory.Sequence(lambda n: f"T/2025-{n + 1:05d}")
    version_date = datetime.date(2025, 3, 5)

    @factory.post_generation
    def agency(self, create, extracted, **kwargs):
        if create:
            DocumentAgency.objects.create(document=self, agency=extracted or AgencyFactory(), position=0)

    @factory.post_generation
    def articles(self, create, extracted, **kwargs):
        """Create body parts: pass articles=["第一条 …", "第二条 …"]."""
        if not create or not extracted:
            return
        for position, text in enumerate(extracted):
            number = position + 1
            Part.objects.create(
                document=self, position=position, kind=PartKind.ARTICLE, label=text.split(" ")[0], number=number, anchor=f"art-{number}", text=text
            )
