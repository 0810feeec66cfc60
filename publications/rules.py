"""Who may do what with the publications: the secretariat compiles, reviews and publishes; a
winner's or champion's certificate is for its organisation's members and the secretariat."""

from __future__ import annotations

import rules

from wsis.rules import is_organisation_member, is_secretariat, is_verified


@rules.predicate
def is_certificate_holder(user, prize_entry) -> bool:
    """A member of the organisation whose prize entry won or was a champion (the certificate
    also asks for a confirmed address, as every stakeholder action does)."""
    return prize_entry is not None and is_organisation_member(user, prize_entry.organisation)


@rules.predicate
def never_on_its_own(user, version) -> bool:
    """A move that only happens inside another (superseding, when the next version is
    published)."""
    return False


may_download_certificate = (is_verified & is_certificate_holder) | is_secretariat

rules.add_perm("publications.download_certificate", may_download_certificate)


@rules.predicate
def is_publication_reviewer(user, version=None) -> bool:
    """Reviews and publishes a publication's versions: the secretariat."""
    return is_secretariat(user)
