"""Static reference data for the WSIS Portal.

This module holds plain, framework-independent data (tuples and dicts) together with a few tiny
pure helpers. It must not import Django or any project module so that it can be used from
settings, migrations, fixtures and tests alike.

Contents:

* ``ACTION_LINES`` - the 18 WSIS Action Lines (C1-C11 with C7 split into its eight sub-lines),
  in the order used for the WSIS Prizes categories (position 1..18).
* ``SDGS`` - the 17 UN Sustainable Development Goals with their official short titles.
* ``STAKEHOLDER_TYPES`` - stakeholder groups used to classify organizations.
* ``ITU_REGIONS`` - the six ITU-D (BDT) regions.
* ``UN_MEMBER_STATE_REGIONS`` - ISO 3166-1 alpha-2 code of each of the 193 UN member states
  mapped to its ITU-D region code.
* ``UN_OBSERVER_STATES`` - the two UN non-member observer states (not mapped to a region).
"""

from __future__ import annotations

# (code, name, position). The position is also the WSIS Prizes category number.
ACTION_LINES: tuple[tuple[str, str, int], ...] = (
    (
        "C1",
        "The role of governments and all stakeholders in the promotion of ICTs for development",
        1,
    ),
    ("C2", "Information and communication infrastructure", 2),
    ("C3", "Access to information and knowledge", 3),
    ("C4", "Capacity building", 4),
    ("C5", "Building confidence and security in the use of ICTs", 5),
    ("C6", "Enabling environment", 6),
    ("C7.1", "ICT applications: E-government", 7),
    ("C7.2", "ICT applications: E-business", 8),
    ("C7.3", "ICT applications: E-learning", 9),
    ("C7.4", "ICT applications: E-health", 10),
    ("C7.5", "ICT applications: E-employment", 11),
    ("C7.6", "ICT applications: E-environment", 12),
    ("C7.7", "ICT applications: E-agriculture", 13),
    ("C7.8", "ICT applications: E-science", 14),
    ("C8", "Cultural diversity and identity, linguistic diversity and local content", 15),
    ("C9", "Media", 16),
    ("C10", "Ethical dimensions of the Information Society", 17),
    ("C11", "International and regional cooperation", 18),
)

ACTION_LINE_CODES: tuple[str, ...] = tuple(code for code, _name, _position in ACTION_LINES)


def action_line_slug(code: str) -> str:
    """Return a URL-friendly slug for an action line code, e.g. ``"C7.1"`` -> ``"c7-1"``."""
    return code.strip().lower().replace(".", "-")


# (number, official short title)
SDGS: tuple[tuple[int, str], ...] = (
    (1, "No poverty"),
    (2, "Zero hunger"),
    (3, "Good health and well-being"),
    (4, "Quality education"),
    (5, "Gender equality"),
    (6, "Clean water and sanitation"),
    (7, "Affordable and clean energy"),
    (8, "Decent work and economic growth"),
    (9, "Industry, innovation and infrastructure"),
    (10, "Reduced inequalities"),
    (11, "Sustainable cities and communities"),
    (12, "Responsible consumption and production"),
    (13, "Climate action"),
    (14, "Life below water"),
    (15, "Life on land"),
    (16, "Peace, justice and strong institutions"),
    (17, "Partnerships for the goals"),
)

# (code, name)
STAKEHOLDER_TYPES: tuple[tuple[str, str], ...] = (
    ("government", "Government"),
    ("private_sector", "Private sector"),
    ("civil_society", "Civil society"),
    ("academia", "Academia"),
    ("technical_community", "Technical community"),
    ("international_organization", "International organization"),
)

# (code, name) - ITU Telecommunication Development Bureau (BDT) regions.
ITU_REGIONS: tuple[tuple[str, str], ...] = (
    ("africa", "Africa"),
    ("americas", "Americas"),
    ("arab_states", "Arab States"),
    ("asia_pacific", "Asia and the Pacific"),
    ("cis", "CIS"),
    ("europe", "Europe"),
)

ITU_REGION_CODES: tuple[str, ...] = tuple(code for code, _name in ITU_REGIONS)

# ISO 3166-1 alpha-2 code of each of the 193 UN member states -> ITU-D region code.
UN_MEMBER_STATE_REGIONS: dict[str, str] = {
    # Africa (44)
    "AO": "africa",  # Angola
    "BF": "africa",  # Burkina Faso
    "BI": "africa",  # Burundi
    "BJ": "africa",  # Benin
    "BW": "africa",  # Botswana
    "CD": "africa",  # Congo, Democratic Republic of the
    "CF": "africa",  # Central African Republic
    "CG": "africa",  # Congo
    "CI": "africa",  # Côte d'Ivoire
    "CM": "africa",  # Cameroon
    "CV": "africa",  # Cabo Verde
    "ER": "africa",  # Eritrea
    "ET": "africa",  # Ethiopia
    "GA": "africa",  # Gabon
    "GH": "africa",  # Ghana
    "GM": "africa",  # Gambia
    "GN": "africa",  # Guinea
    "GQ": "africa",  # Equatorial Guinea
    "GW": "africa",  # Guinea-Bissau
    "KE": "africa",  # Kenya
    "LR": "africa",  # Liberia
    "LS": "africa",  # Lesotho
    "MG": "africa",  # Madagascar
    "ML": "africa",  # Mali
    "MU": "africa",  # Mauritius
    "MW": "africa",  # Malawi
    "MZ": "africa",  # Mozambique
    "NA": "africa",  # Namibia
    "NE": "africa",  # Niger
    "NG": "africa",  # Nigeria
    "RW": "africa",  # Rwanda
    "SC": "africa",  # Seychelles
    "SL": "africa",  # Sierra Leone
    "SN": "africa",  # Senegal
    "SS": "africa",  # South Sudan
    "ST": "africa",  # Sao Tome and Principe
    "SZ": "africa",  # Eswatini
    "TD": "africa",  # Chad
    "TG": "africa",  # Togo
    "TZ": "africa",  # Tanzania, United Republic of
    "UG": "africa",  # Uganda
    "ZA": "africa",  # South Africa
    "ZM": "africa",  # Zambia
    "ZW": "africa",  # Zimbabwe
    # Americas (35)
    "AG": "americas",  # Antigua and Barbuda
    "AR": "americas",  # Argentina
    "BB": "americas",  # Barbados
    "BO": "americas",  # Bolivia (Plurinational State of)
    "BR": "americas",  # Brazil
    "BS": "americas",  # Bahamas
    "BZ": "americas",  # Belize
    "CA": "americas",  # Canada
    "CL": "americas",  # Chile
    "CO": "americas",  # Colombia
    "CR": "americas",  # Costa Rica
    "CU": "americas",  # Cuba
    "DM": "americas",  # Dominica
    "DO": "americas",  # Dominican Republic
    "EC": "americas",  # Ecuador
    "GD": "americas",  # Grenada
    "GT": "americas",  # Guatemala
    "GY": "americas",  # Guyana
    "HN": "americas",  # Honduras
    "HT": "americas",  # Haiti
    "JM": "americas",  # Jamaica
    "KN": "americas",  # Saint Kitts and Nevis
    "LC": "americas",  # Saint Lucia
    "MX": "americas",  # Mexico
    "NI": "americas",  # Nicaragua
    "PA": "americas",  # Panama
    "PE": "americas",  # Peru
    "PY": "americas",  # Paraguay
    "SR": "americas",  # Suriname
    "SV": "americas",  # El Salvador
    "TT": "americas",  # Trinidad and Tobago
    "US": "americas",  # United States of America
    "UY": "americas",  # Uruguay
    "VC": "americas",  # Saint Vincent and the Grenadines
    "VE": "americas",  # Venezuela (Bolivarian Republic of)
    # Arab States (21: the League of Arab States members that are UN members; Palestine is
    # a UN observer state and is listed in UN_OBSERVER_STATES instead)
    "AE": "arab_states",  # United Arab Emirates
    "BH": "arab_states",  # Bahrain
    "DJ": "arab_states",  # Djibouti
    "DZ": "arab_states",  # Algeria
    "EG": "arab_states",  # Egypt
    "IQ": "arab_states",  # Iraq
    "JO": "arab_states",  # Jordan
    "KM": "arab_states",  # Comoros
    "KW": "arab_states",  # Kuwait
    "LB": "arab_states",  # Lebanon
    "LY": "arab_states",  # Libya
    "MA": "arab_states",  # Morocco
    "MR": "arab_states",  # Mauritania
    "OM": "arab_states",  # Oman
    "QA": "arab_states",  # Qatar
    "SA": "arab_states",  # Saudi Arabia
    "SD": "arab_states",  # Sudan
    "SO": "arab_states",  # Somalia
    "SY": "arab_states",  # Syrian Arab Republic
    "TN": "arab_states",  # Tunisia
    "YE": "arab_states",  # Yemen
    # Asia and the Pacific (39)
    "AF": "asia_pacific",  # Afghanistan
    "AU": "asia_pacific",  # Australia
    "BD": "asia_pacific",  # Bangladesh
    "BN": "asia_pacific",  # Brunei Darussalam
    "BT": "asia_pacific",  # Bhutan
    "CN": "asia_pacific",  # China
    "FJ": "asia_pacific",  # Fiji
    "FM": "asia_pacific",  # Micronesia (Federated States of)
    "ID": "asia_pacific",  # Indonesia
    "IN": "asia_pacific",  # India
    "IR": "asia_pacific",  # Iran (Islamic Republic of)
    "JP": "asia_pacific",  # Japan
    "KH": "asia_pacific",  # Cambodia
    "KI": "asia_pacific",  # Kiribati
    "KP": "asia_pacific",  # Democratic People's Republic of Korea
    "KR": "asia_pacific",  # Republic of Korea
    "LA": "asia_pacific",  # Lao People's Democratic Republic
    "LK": "asia_pacific",  # Sri Lanka
    "MH": "asia_pacific",  # Marshall Islands
    "MM": "asia_pacific",  # Myanmar
    "MN": "asia_pacific",  # Mongolia
    "MV": "asia_pacific",  # Maldives
    "MY": "asia_pacific",  # Malaysia
    "NP": "asia_pacific",  # Nepal
    "NR": "asia_pacific",  # Nauru
    "NZ": "asia_pacific",  # New Zealand
    "PG": "asia_pacific",  # Papua New Guinea
    "PH": "asia_pacific",  # Philippines
    "PK": "asia_pacific",  # Pakistan
    "PW": "asia_pacific",  # Palau
    "SB": "asia_pacific",  # Solomon Islands
    "SG": "asia_pacific",  # Singapore
    "TH": "asia_pacific",  # Thailand
    "TL": "asia_pacific",  # Timor-Leste
    "TO": "asia_pacific",  # Tonga
    "TV": "asia_pacific",  # Tuvalu
    "VN": "asia_pacific",  # Viet Nam
    "VU": "asia_pacific",  # Vanuatu
    "WS": "asia_pacific",  # Samoa
    # CIS (9)
    "AM": "cis",  # Armenia
    "AZ": "cis",  # Azerbaijan
    "BY": "cis",  # Belarus
    "KG": "cis",  # Kyrgyzstan
    "KZ": "cis",  # Kazakhstan
    "RU": "cis",  # Russian Federation
    "TJ": "cis",  # Tajikistan
    "TM": "cis",  # Turkmenistan
    "UZ": "cis",  # Uzbekistan
    # Europe (45)
    "AD": "europe",  # Andorra
    "AL": "europe",  # Albania
    "AT": "europe",  # Austria
    "BA": "europe",  # Bosnia and Herzegovina
    "BE": "europe",  # Belgium
    "BG": "europe",  # Bulgaria
    "CH": "europe",  # Switzerland
    "CY": "europe",  # Cyprus
    "CZ": "europe",  # Czechia
    "DE": "europe",  # Germany
    "DK": "europe",  # Denmark
    "EE": "europe",  # Estonia
    "ES": "europe",  # Spain
    "FI": "europe",  # Finland
    "FR": "europe",  # France
    "GB": "europe",  # United Kingdom
    "GE": "europe",  # Georgia
    "GR": "europe",  # Greece
    "HR": "europe",  # Croatia
    "HU": "europe",  # Hungary
    "IE": "europe",  # Ireland
    "IL": "europe",  # Israel
    "IS": "europe",  # Iceland
    "IT": "europe",  # Italy
    "LI": "europe",  # Liechtenstein
    "LT": "europe",  # Lithuania
    "LU": "europe",  # Luxembourg
    "LV": "europe",  # Latvia
    "MC": "europe",  # Monaco
    "MD": "europe",  # Republic of Moldova
    "ME": "europe",  # Montenegro
    "MK": "europe",  # North Macedonia
    "MT": "europe",  # Malta
    "NL": "europe",  # Netherlands
    "NO": "europe",  # Norway
    "PL": "europe",  # Poland
    "PT": "europe",  # Portugal
    "RO": "europe",  # Romania
    "RS": "europe",  # Serbia
    "SE": "europe",  # Sweden
    "SI": "europe",  # Slovenia
    "SK": "europe",  # Slovakia
    "SM": "europe",  # San Marino
    "TR": "europe",  # Türkiye
    "UA": "europe",  # Ukraine
}

# UN non-member observer states: State of Palestine and Holy See. Not mapped to a region.
UN_OBSERVER_STATES: tuple[str, ...] = ("PS", "VA")


def itu_region_for_country(code: str) -> str | None:
    """Return the ITU-D region code of a UN member state, or ``None`` if unknown.

    ``code`` is an ISO 3166-1 alpha-2 country code; the lookup is case-insensitive.
    """
    return UN_MEMBER_STATE_REGIONS.get(code.strip().upper())


# (number, short name): the five objectives of the Global Digital Compact (2024).
GDC_OBJECTIVES: tuple[tuple[int, str], ...] = (
    (1, "Close all digital divides and accelerate progress across the SDGs"),
    (2, "Expand inclusion in and benefits from the digital economy for all"),
    (3, "Foster an inclusive, open, safe and secure digital space that respects human rights"),
    (4, "Advance responsible, equitable and interoperable data governance approaches"),
    (5, "Enhance international governance of artificial intelligence for the benefit of humanity"),
)
