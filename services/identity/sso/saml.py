"""SAML 2.0 as far as Cairn goes: the service provider's metadata (what an administrator gives
the identity provider) and the AuthnRequest that starts a login (HTTP-Redirect binding). Pure:
no I/O. Cairn does not consume SAML assertions (``login.sso_callback_saml`` says so)."""

from __future__ import annotations

import base64
import secrets
import zlib
from datetime import datetime
from typing import Any
from urllib.parse import urlencode
from xml.etree import ElementTree

MD = "urn:oasis:names:tc:SAML:2.0:metadata"
SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol"
SAML = "urn:oasis:names:tc:SAML:2.0:assertion"
POST_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
METADATA_CONTENT_TYPE = "application/samlmetadata+xml"

ElementTree.register_namespace("md", MD)
ElementTree.register_namespace("samlp", SAMLP)
ElementTree.register_namespace("saml", SAML)


def sp_metadata(settings: dict[str, Any]) -> str:
    """The SP's ``EntityDescriptor``: its entity id, the NameID format it asks for and its
    assertion consumer service (HTTP-POST to ``acs_url``)."""
    root = ElementTree.Element(f"{{{MD}}}EntityDescriptor", {"entityID": settings["sp_entity_id"]})
    sp = ElementTree.SubElement(root, f"{{{MD}}}SPSSODescriptor", {
        "AuthnRequestsSigned": "false",
        "WantAssertionsSigned": "true" if settings.get("want_assertions_signed", True) else "false",
        "protocolSupportEnumeration": SAMLP,
    })
    if settings.get("name_id_format"):
        ElementTree.SubElement(sp, f"{{{MD}}}NameIDFormat").text = settings["name_id_format"]
    ElementTree.SubElement(sp, f"{{{MD}}}AssertionConsumerService", {
        "Binding": POST_BINDING, "Location": settings["acs_url"], "index": "0", "isDefault": "true"})
    body = ElementTree.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body


def authn_request_url(settings: dict[str, Any], relay_state: str, now: datetime) -> str:
    """The IdP's single sign-on URL carrying a deflated, base64 ``AuthnRequest``."""
    request = ElementTree.Element(f"{{{SAMLP}}}AuthnRequest", {
        "ID": "_" + secrets.token_hex(16),
        "Version": "2.0",
        "IssueInstant": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "Destination": settings["idp_sso_url"],
        "AssertionConsumerServiceURL": settings["acs_url"],
        "ProtocolBinding": POST_BINDING,
    })
    ElementTree.SubElement(request, f"{{{SAML}}}Issuer").text = settings["sp_entity_id"]
    if settings.get("name_id_format"):
        ElementTree.SubElement(request, f"{{{SAMLP}}}NameIDPolicy",
                               {"Format": settings["name_id_format"], "AllowCreate": "true"})
    xml = ElementTree.tostring(request)
    deflated = zlib.compress(xml)[2:-4]  # raw DEFLATE (RFC 1951), as the redirect binding says
    query = urlencode({"SAMLRequest": base64.b64encode(deflated).decode(), "RelayState": relay_state})
    url = settings["idp_sso_url"]
    return f"{url}{'&' if '?' in url else '?'}{query}"
