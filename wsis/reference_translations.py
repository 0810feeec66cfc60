"""The reference lists' names in the other five official languages of the UN.

Plain data beside `reference_data` (no Django imports), loaded into the reference rows by
`reference_loader` (a data migration); the secretariat corrects them in the admin afterwards.
Each value maps a language code of LANGUAGES to the name as UN documents write it in that
language: the Action Lines as in the Geneva Plan of Action (2003), the SDGs' official short titles,
the Global Digital Compact's objectives (2024), ITU-D's regions, and, for the countries whose UN
name differs from the ISO one, the short names of the UN Terminology Database (UNTERM).
"""

from __future__ import annotations

TRANSLATED_LANGUAGES: tuple[str, ...] = ("ar", "zh-hans", "fr", "ru", "es")

_C7 = {
    "ar": "تطبيقات تكنولوجيا المعلومات والاتصالات: ",
    "zh-hans": "信息通信技术应用：",
    "fr": "Applications TIC : ",
    "ru": "Применение ИКТ: ",
    "es": "Aplicaciones de las TIC: ",
}


def _c7(**names: str) -> dict[str, str]:
    return {
        language: _C7[language] + names[language.replace("-", "_")]
        for language in TRANSLATED_LANGUAGES
    }


ACTION_LINE_NAMES: dict[str, dict[str, str]] = {
    "C1": {
        "ar": "دور الحكومات وجميع أصحاب المصلحة في النهوض بتكنولوجيا المعلومات والاتصالات من أجل"
        " التنمية",
        "zh-hans": "政府和所有利益攸关方在推广信息通信技术促进发展方面的作用",
        "fr": "Le rôle des pouvoirs publics et de toutes les parties prenantes dans la promotion"
        " des TIC pour le développement",
        "ru": "Роль правительств и всех заинтересованных сторон в содействии использованию ИКТ"
        " в целях развития",
        "es": "Papel de los gobiernos y de todas las partes interesadas en la promoción de las TIC"
        " para el desarrollo",
    },
    "C2": {
        "ar": "البنية التحتية للمعلومات والاتصالات",
        "zh-hans": "信息和通信基础设施",
        "fr": "Infrastructure de l'information et de la communication",
        "ru": "Информационная и коммуникационная инфраструктура",
        "es": "Infraestructura de la información y la comunicación",
    },
    "C3": {
        "ar": "النفاذ إلى المعلومات والمعارف",
        "zh-hans": "获取信息和知识",
        "fr": "Accès à l'information et au savoir",
        "ru": "Доступ к информации и знаниям",
        "es": "Acceso a la información y al conocimiento",
    },
    "C4": {
        "ar": "بناء القدرات",
        "zh-hans": "能力建设",
        "fr": "Renforcement des capacités",
        "ru": "Создание потенциала",
        "es": "Creación de capacidad",
    },
    "C5": {
        "ar": "بناء الثقة والأمن في استعمال تكنولوجيا المعلومات والاتصالات",
        "zh-hans": "树立使用信息通信技术的信心和提高安全性",
        "fr": "Établir la confiance et la sécurité dans l'utilisation des TIC",
        "ru": "Укрепление доверия и безопасности при использовании ИКТ",
        "es": "Creación de confianza y seguridad en la utilización de las TIC",
    },
    "C6": {
        "ar": "البيئة التمكينية",
        "zh-hans": "有利环境",
        "fr": "Environnement propice",
        "ru": "Благоприятная среда",
        "es": "Entorno habilitador",
    },
    "C7.1": _c7(
        ar="الحكومة الإلكترونية",
        zh_hans="电子政务",
        fr="administration électronique",
        ru="электронное правительство",
        es="gobierno electrónico",
    ),
    "C7.2": _c7(
        ar="الأعمال التجارية الإلكترونية",
        zh_hans="电子商务",
        fr="commerce électronique",
        ru="электронная коммерция",
        es="negocios electrónicos",
    ),
    "C7.3": _c7(
        ar="التعلّم الإلكتروني",
        zh_hans="电子学习",
        fr="téléenseignement",
        ru="электронное обучение",
        es="aprendizaje electrónico",
    ),
    "C7.4": _c7(
        ar="الصحة الإلكترونية",
        zh_hans="电子卫生",
        fr="télésanté",
        ru="электронное здравоохранение",
        es="cibersalud",
    ),
    "C7.5": _c7(
        ar="التوظيف الإلكتروني",
        zh_hans="电子就业",
        fr="télétravail",
        ru="электронная занятость",
        es="ciberempleo",
    ),
    "C7.6": _c7(
        ar="البيئة الإلكترونية",
        zh_hans="电子环境",
        fr="cyberécologie",
        ru="электронная экология",
        es="ciberecología",
    ),
    "C7.7": _c7(
        ar="الزراعة الإلكترونية",
        zh_hans="电子农业",
        fr="cyberagriculture",
        ru="электронное сельское хозяйство",
        es="ciberagricultura",
    ),
    "C7.8": _c7(
        ar="العلوم الإلكترونية",
        zh_hans="电子科学",
        fr="cyberscience",
        ru="электронная наука",
        es="ciberciencia",
    ),
    "C8": {
        "ar": "التنوع الثقافي والهوية الثقافية والتنوع اللغوي والمحتوى المحلي",
        "zh-hans": "文化多样性和特性、语言多样性和本地内容",
        "fr": "Diversité et identité culturelles, diversité linguistique et contenus locaux",
        "ru": "Культурное разнообразие и самобытность, языковое разнообразие и местный контент",
        "es": "Diversidad e identidad culturales, diversidad lingüística y contenido local",
    },
    "C9": {
        "ar": "وسائط الإعلام",
        "zh-hans": "媒体",
        "fr": "Médias",
        "ru": "Средства массовой информации",
        "es": "Medios de comunicación",
    },
    "C10": {
        "ar": "الأبعاد الأخلاقية لمجتمع المعلومات",
        "zh-hans": "信息社会的道德层面",
        "fr": "Dimensions éthiques de la société de l'information",
        "ru": "Этические аспекты информационного общества",
        "es": "Dimensiones éticas de la sociedad de la información",
    },
    "C11": {
        "ar": "التعاون الدولي والإقليمي",
        "zh-hans": "国际和区域合作",
        "fr": "Coopération internationale et régionale",
        "ru": "Международное и региональное сотрудничество",
        "es": "Cooperación internacional y regional",
    },
}


def _row(ar: str, zh_hans: str, fr: str, ru: str, es: str) -> dict[str, str]:
    return {"ar": ar, "zh-hans": zh_hans, "fr": fr, "ru": ru, "es": es}


# The SDGs' official short titles (the UN's SDG icons).
SDG_NAMES: dict[int, dict[str, str]] = {
    1: _row(
        "القضاء على الفقر", "无贫穷", "Pas de pauvreté", "Ликвидация нищеты", "Fin de la pobreza"
    ),
    2: _row(
        "القضاء التام على الجوع", "零饥饿", "Faim « zéro »", "Ликвидация голода", "Hambre cero"
    ),
    3: _row(
        "الصحة الجيدة والرفاه",
        "良好健康与福祉",
        "Bonne santé et bien-être",
        "Хорошее здоровье и благополучие",
        "Salud y bienestar",
    ),
    4: _row(
        "التعليم الجيد",
        "优质教育",
        "Éducation de qualité",
        "Качественное образование",
        "Educación de calidad",
    ),
    5: _row(
        "المساواة بين الجنسين",
        "性别平等",
        "Égalité entre les sexes",
        "Гендерное равенство",
        "Igualdad de género",
    ),
    6: _row(
        "المياه النظيفة والنظافة الصحية",
        "清洁饮水和卫生设施",
        "Eau propre et assainissement",
        "Чистая вода и санитария",
        "Agua limpia y saneamiento",
    ),
    7: _row(
        "طاقة نظيفة وبأسعار معقولة",
        "经济适用的清洁能源",
        "Énergie propre et d'un coût abordable",
        "Недорогостоящая и чистая энергия",
        "Energía asequible y no contaminante",
    ),
    8: _row(
        "العمل اللائق ونمو الاقتصاد",
        "体面工作和经济增长",
        "Travail décent et croissance économique",
        "Достойная работа и экономический рост",
        "Trabajo decente y crecimiento económico",
    ),
    9: _row(
        "الصناعة والابتكار والهياكل الأساسية",
        "产业、创新和基础设施",
        "Industrie, innovation et infrastructure",
        "Индустриализация, инновации и инфраструктура",
        "Industria, innovación e infraestructura",
    ),
    10: _row(
        "الحد من أوجه عدم المساواة",
        "减少不平等",
        "Inégalités réduites",
        "Уменьшение неравенства",
        "Reducción de las desigualdades",
    ),
    11: _row(
        "مدن ومجتمعات محلية مستدامة",
        "可持续城市和社区",
        "Villes et communautés durables",
        "Устойчивые города и населенные пункты",
        "Ciudades y comunidades sostenibles",
    ),
    12: _row(
        "الاستهلاك والإنتاج المسؤولان",
        "负责任消费和生产",
        "Consommation et production responsables",
        "Ответственное потребление и производство",
        "Producción y consumo responsables",
    ),
    13: _row(
        "العمل المناخي",
        "气候行动",
        "Mesures relatives à la lutte contre les changements climatiques",
        "Борьба с изменением климата",
        "Acción por el clima",
    ),
    14: _row(
        "الحياة تحت الماء",
        "水下生物",
        "Vie aquatique",
        "Сохранение морских экосистем",
        "Vida submarina",
    ),
    15: _row(
        "الحياة في البر",
        "陆地生物",
        "Vie terrestre",
        "Сохранение экосистем суши",
        "Vida de ecosistemas terrestres",
    ),
    16: _row(
        "السلام والعدل والمؤسسات القوية",
        "和平、正义与强大机构",
        "Paix, justice et institutions efficaces",
        "Мир, правосудие и эффективные институты",
        "Paz, justicia e instituciones sólidas",
    ),
    17: _row(
        "عقد الشراكات لتحقيق الأهداف",
        "促进目标实现的伙伴关系",
        "Partenariats pour la réalisation des objectifs",
        "Партнерство в интересах устойчивого развития",
        "Alianzas para lograr los objetivos",
    ),
}

GDC_OBJECTIVE_NAMES: dict[int, dict[str, str]] = {
    1: _row(
        "سد جميع الفجوات الرقمية وتسريع التقدم المحرز في تحقيق جميع أهداف التنمية المستدامة",
        "弥合所有数字鸿沟，加快实现所有可持续发展目标的进展",
        "Combler toutes les fractures numériques et accélérer les progrès sur l'ensemble des ODD",
        "Устранить все формы цифрового разрыва и ускорить прогресс в достижении всех ЦУР",
        "Cerrar todas las brechas digitales y acelerar el progreso en todos los ODS",
    ),
    2: _row(
        "توسيع نطاق الإدماج في الاقتصاد الرقمي والاستفادة منه للجميع",
        "扩大所有人对数字经济的参与并使所有人从中受益",
        "Élargir l'inclusion dans l'économie numérique et les bienfaits qu'elle apporte à tous",
        "Расширить участие всех в цифровой экономике и получаемые от нее выгоды",
        "Ampliar la inclusión en la economía digital y los beneficios que reporta para todos",
    ),
    3: _row(
        "تعزيز فضاء رقمي شامل للجميع ومفتوح وآمن ومأمون يحترم حقوق الإنسان",
        "促进建设一个尊重人权的包容、开放、安全和有保障的数字空间",
        "Promouvoir un espace numérique inclusif, ouvert, sûr et sécurisé qui respecte les droits"
        " humains",
        "Содействовать созданию инклюзивного, открытого, безопасного и защищенного цифрового"
        " пространства, в котором уважаются права человека",
        "Fomentar un espacio digital inclusivo, abierto, seguro y protegido que respete los"
        " derechos humanos",
    ),
    4: _row(
        "النهوض بنُهج مسؤولة ومنصفة وقابلة للتشغيل البيني لحوكمة البيانات",
        "推进负责任、公平和可互操作的数据治理方法",
        "Faire progresser des approches responsables, équitables et interopérables de la"
        " gouvernance des données",
        "Продвигать ответственные, справедливые и совместимые подходы к управлению данными",
        "Promover enfoques de gobernanza de datos responsables, equitativos e interoperables",
    ),
    5: _row(
        "تعزيز الحوكمة الدولية للذكاء الاصطناعي لما فيه خير البشرية",
        "加强人工智能国际治理，造福人类",
        "Renforcer la gouvernance internationale de l'intelligence artificielle au service de"
        " l'humanité",
        "Совершенствовать международное управление искусственным интеллектом на благо человечества",
        "Mejorar la gobernanza internacional de la inteligencia artificial en beneficio de la"
        " humanidad",
    ),
}

STAKEHOLDER_TYPE_NAMES: dict[str, dict[str, str]] = {
    "government": _row("الحكومة", "政府", "Gouvernement", "Правительство", "Gobierno"),
    "private_sector": _row(
        "القطاع الخاص", "私营部门", "Secteur privé", "Частный сектор", "Sector privado"
    ),
    "civil_society": _row(
        "المجتمع المدني", "民间社会", "Société civile", "Гражданское общество", "Sociedad civil"
    ),
    "academia": _row(
        "الأوساط الأكاديمية",
        "学术界",
        "Milieux universitaires",
        "Академические круги",
        "Instituciones académicas",
    ),
    "technical_community": _row(
        "المجتمع التقني",
        "技术界",
        "Communauté technique",
        "Техническое сообщество",
        "Comunidad técnica",
    ),
    "international_organization": _row(
        "منظمة دولية",
        "国际组织",
        "Organisation internationale",
        "Международная организация",
        "Organización internacional",
    ),
}

ITU_REGION_NAMES: dict[str, dict[str, str]] = {
    "africa": _row("أفريقيا", "非洲", "Afrique", "Африка", "África"),
    "americas": _row("الأمريكتان", "美洲", "Amériques", "Америка", "Américas"),
    "arab_states": _row(
        "الدول العربية", "阿拉伯国家", "États arabes", "Арабские государства", "Estados Árabes"
    ),
    "asia_pacific": _row(
        "آسيا والمحيط الهادئ",
        "亚太",
        "Asie-Pacifique",
        "Азиатско-Тихоокеанский регион",
        "Asia-Pacífico",
    ),
    "cis": _row("كومنولث الدول المستقلة", "独联体", "CEI", "СНГ", "CEI"),
    "europe": _row("أوروبا", "欧洲", "Europe", "Европа", "Europa"),
}


def _country(en: str, ar: str, zh_hans: str, fr: str, ru: str, es: str) -> dict[str, str]:
    return {"en": en, **_row(ar, zh_hans, fr, ru, es)}


# Countries whose UN short name differs from the ISO 3166 one that django-countries translates;
# every other country keeps django-countries' name in each language.
UN_COUNTRY_NAMES: dict[str, dict[str, str]] = {
    "BO": _country(
        "Bolivia (Plurinational State of)",
        "بوليفيا (دولة - المتعددة القوميات)",
        "多民族玻利维亚国",
        "Bolivie (État plurinational de)",
        "Боливия (Многонациональное Государство)",
        "Bolivia (Estado Plurinacional de)",
    ),
    "BN": _country(
        "Brunei Darussalam",
        "بروني دار السلام",
        "文莱达鲁萨兰国",
        "Brunéi Darussalam",
        "Бруней-Даруссалам",
        "Brunei Darussalam",
    ),
    "CD": _country(
        "Democratic Republic of the Congo",
        "جمهورية الكونغو الديمقراطية",
        "刚果民主共和国",
        "République démocratique du Congo",
        "Демократическая Республика Конго",
        "República Democrática del Congo",
    ),
    "CG": _country("Congo", "الكونغو", "刚果", "Congo", "Конго", "Congo"),
    "CI": _country(
        "Côte d'Ivoire", "كوت ديفوار", "科特迪瓦", "Côte d'Ivoire", "Кот-д'Ивуар", "Côte d'Ivoire"
    ),
    "CV": _country("Cabo Verde", "كابو فيردي", "佛得角", "Cabo Verde", "Кабо-Верде", "Cabo Verde"),
    "CZ": _country("Czechia", "تشيكيا", "捷克", "Tchéquie", "Чехия", "Chequia"),
    "FM": _country(
        "Micronesia (Federated States of)",
        "ميكرونيزيا (ولايات - الموحدة)",
        "密克罗尼西亚联邦",
        "Micronésie (États fédérés de)",
        "Микронезия (Федеративные Штаты)",
        "Micronesia (Estados Federados de)",
    ),
    "GB": _country(
        "United Kingdom of Great Britain and Northern Ireland",
        "المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية",
        "大不列颠及北爱尔兰联合王国",
        "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord",
        "Соединенное Королевство Великобритании и Северной Ирландии",
        "Reino Unido de Gran Bretaña e Irlanda del Norte",
    ),
    "IR": _country(
        "Iran (Islamic Republic of)",
        "إيران (جمهورية - الإسلامية)",
        "伊朗伊斯兰共和国",
        "Iran (République islamique d')",
        "Иран (Исламская Республика)",
        "Irán (República Islámica del)",
    ),
    "KP": _country(
        "Democratic People's Republic of Korea",
        "جمهورية كوريا الشعبية الديمقراطية",
        "朝鲜民主主义人民共和国",
        "République populaire démocratique de Corée",
        "Корейская Народно-Демократическая Республика",
        "República Popular Democrática de Corea",
    ),
    "KR": _country(
        "Republic of Korea",
        "جمهورية كوريا",
        "大韩民国",
        "République de Corée",
        "Республика Корея",
        "República de Corea",
    ),
    "LA": _country(
        "Lao People's Democratic Republic",
        "جمهورية لاو الديمقراطية الشعبية",
        "老挝人民民主共和国",
        "République démocratique populaire lao",
        "Лаосская Народно-Демократическая Республика",
        "República Democrática Popular Lao",
    ),
    "MD": _country(
        "Republic of Moldova",
        "جمهورية مولدوفا",
        "摩尔多瓦共和国",
        "République de Moldova",
        "Республика Молдова",
        "República de Moldova",
    ),
    "MK": _country(
        "North Macedonia",
        "مقدونيا الشمالية",
        "北马其顿",
        "Macédoine du Nord",
        "Северная Македония",
        "Macedonia del Norte",
    ),
    "NL": _country(
        "Netherlands (Kingdom of the)",
        "هولندا (مملكة -)",
        "荷兰王国",
        "Pays-Bas (Royaume des)",
        "Нидерланды (Королевство)",
        "Países Bajos (Reino de los)",
    ),
    "PS": _country(
        "State of Palestine",
        "دولة فلسطين",
        "巴勒斯坦国",
        "État de Palestine",
        "Государство Палестина",
        "Estado de Palestina",
    ),
    "RU": _country(
        "Russian Federation",
        "الاتحاد الروسي",
        "俄罗斯联邦",
        "Fédération de Russie",
        "Российская Федерация",
        "Federación de Rusia",
    ),
    "SY": _country(
        "Syrian Arab Republic",
        "الجمهورية العربية السورية",
        "阿拉伯叙利亚共和国",
        "République arabe syrienne",
        "Сирийская Арабская Республика",
        "República Árabe Siria",
    ),
    "SZ": _country("Eswatini", "إسواتيني", "斯威士兰", "Eswatini", "Эсватини", "Eswatini"),
    "TL": _country(
        "Timor-Leste", "تيمور - ليشتي", "东帝汶", "Timor-Leste", "Тимор-Лешти", "Timor-Leste"
    ),
    "TR": _country("Türkiye", "تركيا", "土耳其", "Türkiye", "Турция", "Türkiye"),
    "TZ": _country(
        "United Republic of Tanzania",
        "جمهورية تنزانيا المتحدة",
        "坦桑尼亚联合共和国",
        "République-Unie de Tanzanie",
        "Объединенная Республика Танзания",
        "República Unida de Tanzanía",
    ),
    "US": _country(
        "United States of America",
        "الولايات المتحدة الأمريكية",
        "美利坚合众国",
        "États-Unis d'Amérique",
        "Соединенные Штаты Америки",
        "Estados Unidos de América",
    ),
    "VA": _country(
        "Holy See", "الكرسي الرسولي", "教廷", "Saint-Siège", "Святой Престол", "Santa Sede"
    ),
    "VE": _country(
        "Venezuela (Bolivarian Republic of)",
        "فنزويلا (جمهورية - البوليفارية)",
        "委内瑞拉玻利瓦尔共和国",
        "Venezuela (République bolivarienne du)",
        "Венесуэла (Боливарианская Республика)",
        "Venezuela (República Bolivariana de)",
    ),
    "VN": _country("Viet Nam", "فييت نام", "越南", "Viet Nam", "Вьетнам", "Viet Nam"),
}
