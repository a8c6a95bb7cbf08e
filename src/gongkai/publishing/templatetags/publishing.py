"""`{% document_links doc %}`: the interpretations, interpreted policies, services and topics of a document."""

from django import template

from gongkai.documents.choices import Disclosure
from gongkai.publishing.models import Interpretation

register = template.Library()


@register.inclusion_tag("publishing/_document_links_body.html")
def document_links(document):
    interpretations = [
        link
        for link in Interpretation.objects.filter(policy=document).select_related("document")
        if link.document is None or link.document.disclosure == Disclosure.PROACTIVE
    ]
    policies = [
        link.policy
        for link in Interpretation.objects.filter(document=document).select_related("policy")
        if link.policy.disclosure == Disclosure.PROACTIVE
    ]
    return {
        "interpretations": interpretations,
        "interpreted_policies": policies,
        "services": document.service_items.select_related("agency"),
        "topics": document.topics.all(),
    }
