"""The demo content's translations (seed_demo): the home page, About WSIS, the news index, one
news item and the menu and footer in the five other languages of the portal, keyed by the
English text of each segment as wagtail-localize extracts it."""

HOME = "Home"
HERO = "World Summit on the Information Society"
HERO_TEXT = (
    "Projects, prizes, events and roadmaps of the WSIS process, in one place and open to all."
)
ABOUT_INTRO = "The World Summit on the Information Society and the process that follows it up."
ABOUT_1 = (
    "The World Summit on the Information Society was held in two phases, in Geneva in 2003 and "
    "in Tunis in 2005. Its outcome documents set out eleven Action Lines for building a "
    "people-centred, inclusive and development-oriented information society."
)
ABOUT_2 = (
    "Every year the WSIS Forum brings the stakeholders of the process together; WSIS "
    "Stocktaking records their activities and the WSIS Prizes recognise the best of them."
)
CALL_TITLE = "The call for WSIS Prizes entries is open"
CALL_SUMMARY = "Stakeholders can enter their projects in the 18 categories of this year's contest."

# Source text → {language: translation}.
TRANSLATIONS: dict[str, dict[str, str]] = {
    HOME: {
        "ar": "الصفحة الرئيسية",
        "zh-hans": "首页",
        "fr": "Accueil",
        "ru": "Главная страница",
        "es": "Inicio",
    },
    HERO: {
        "ar": "القمة العالمية لمجتمع المعلومات",
        "zh-hans": "信息社会世界峰会",
        "fr": "Sommet mondial sur la société de l'information",
        "ru": "Всемирная встреча на высшем уровне по вопросам информационного общества",
        "es": "Cumbre Mundial sobre la Sociedad de la Información",
    },
    HERO_TEXT: {
        "ar": "مشاريع عملية القمة العالمية لمجتمع المعلومات وجوائزها وفعالياتها وخرائط طريقها، "
        "في مكان واحد ومتاحة للجميع.",
        "zh-hans": "信息社会世界峰会进程的项目、奖项、活动和路线图，集中一处，向所有人开放。",
        "fr": "Les projets, les prix, les manifestations et les feuilles de route du processus du "
        "SMSI, réunis en un seul lieu et ouverts à tous.",
        "ru": "Проекты, премии, мероприятия и дорожные карты процесса ВВУИО – в одном месте и в "
        "открытом доступе.",
        "es": "Los proyectos, premios, eventos y hojas de ruta del proceso de la CMSI, reunidos en "
        "un solo lugar y abiertos a todos.",
    },
    "Search WSIS Stocktaking": {
        "ar": "البحث في تقييم أنشطة القمة",
        "zh-hans": "搜索信息社会世界峰会盘点",
        "fr": "Consulter l'inventaire du SMSI",
        "ru": "Поиск в Инвентаризации ВВУИО",
        "es": "Buscar en el Inventario de la CMSI",
    },
    "About WSIS": {
        "ar": "نبذة عن القمة العالمية لمجتمع المعلومات",
        "zh-hans": "关于信息社会世界峰会",
        "fr": "À propos du SMSI",
        "ru": "О ВВУИО",
        "es": "Acerca de la CMSI",
    },
    "Now on the portal": {
        "ar": "الآن على البوابة",
        "zh-hans": "门户网站最新动态",
        "fr": "En ce moment sur le portail",
        "ru": "Сейчас на портале",
        "es": "Ahora en el portal",
    },
    "WSIS Stocktaking in figures": {
        "ar": "تقييم أنشطة القمة بالأرقام",
        "zh-hans": "信息社会世界峰会盘点数据一览",
        "fr": "L'inventaire du SMSI en chiffres",
        "ru": "Инвентаризация ВВУИО в цифрах",
        "es": "El Inventario de la CMSI en cifras",
    },
    "Latest stocktaking entries": {
        "ar": "أحدث مدخلات تقييم الأنشطة",
        "zh-hans": "最新盘点条目",
        "fr": "Dernières contributions à l'inventaire",
        "ru": "Последние записи Инвентаризации",
        "es": "Últimas entradas del Inventario",
    },
    "Upcoming sessions": {
        "ar": "الجلسات المقبلة",
        "zh-hans": "即将举行的会议",
        "fr": "Prochaines sessions",
        "ru": "Предстоящие сессии",
        "es": "Próximas sesiones",
    },
    "Latest outcome documents": {
        "ar": "أحدث الوثائق الختامية",
        "zh-hans": "最新成果文件",
        "fr": "Derniers documents finals",
        "ru": "Последние итоговые документы",
        "es": "Últimos documentos finales",
    },
    "News": {
        "ar": "الأخبار",
        "zh-hans": "新闻",
        "fr": "Actualités",
        "ru": "Новости",
        "es": "Noticias",
    },
    "Featured": {
        "ar": "مختارات",
        "zh-hans": "精选内容",
        "fr": "À la une",
        "ru": "В центре внимания",
        "es": "Destacados",
    },
    "Policy documents": {
        "ar": "وثائق السياسات",
        "zh-hans": "政策文件",
        "fr": "Documents d'orientation",
        "ru": "Программные документы",
        "es": "Documentos de política",
    },
    "The secretariat's long-form documents, with annexes and notes.": {
        "ar": "الوثائق المطوّلة للأمانة، مع مرفقاتها وحواشيها.",
        "zh-hans": "秘书处的长篇文件，附有附件和注释。",
        "fr": "Les documents de fond du secrétariat, avec leurs annexes et leurs notes.",
        "ru": "Подробные документы секретариата с приложениями и примечаниями.",
        "es": "Los documentos extensos de la secretaría, con sus anexos y notas.",
    },
    "The document library": {
        "ar": "مكتبة الوثائق",
        "zh-hans": "文件库",
        "fr": "La bibliothèque de documents",
        "ru": "Библиотека документов",
        "es": "La biblioteca de documentos",
    },
    "Action Line Roadmaps": {
        "ar": "خرائط طريق خطوط العمل",
        "zh-hans": "行动方针路线图",
        "fr": "Feuilles de route des grandes orientations",
        "ru": "Дорожные карты направлений деятельности",
        "es": "Hojas de ruta de las líneas de acción",
    },
    "The living plans of the Action Line facilitators.": {
        "ar": "الخطط المتجددة لميسري خطوط العمل.",
        "zh-hans": "行动方针协调方不断更新的计划。",
        "fr": "Les plans évolutifs des coordonnateurs des grandes orientations.",
        "ru": "Обновляемые планы координаторов направлений деятельности.",
        "es": "Los planes evolutivos de los facilitadores de las líneas de acción.",
    },
    "Read the roadmaps": {
        "ar": "الاطلاع على خرائط الطريق",
        "zh-hans": "阅读路线图",
        "fr": "Lire les feuilles de route",
        "ru": "Ознакомиться с дорожными картами",
        "es": "Consultar las hojas de ruta",
    },
    ABOUT_INTRO: {
        "ar": "القمة العالمية لمجتمع المعلومات والعملية التي تتابع نتائجها.",
        "zh-hans": "信息社会世界峰会及其后续进程。",
        "fr": "Le Sommet mondial sur la société de l'information et le processus qui en assure "
        "le suivi.",
        "ru": "Всемирная встреча на высшем уровне по вопросам информационного общества и процесс "
        "последующей деятельности по ее итогам.",
        "es": "La Cumbre Mundial sobre la Sociedad de la Información y el proceso que le da "
        "seguimiento.",
    },
    ABOUT_1: {
        "ar": "عُقدت القمة العالمية لمجتمع المعلومات على مرحلتين، في جنيف عام 2003 وفي تونس عام "
        "2005. وتحدد وثائقها الختامية أحد عشر خط عمل لبناء مجتمع معلومات جامع هدفه الإنسان "
        "ويتجه نحو التنمية.",
        "zh-hans": "信息社会世界峰会分两个阶段举行：2003年在日内瓦，2005年在突尼斯。峰会成果文件"
        "确定了十一条行动方针，以建设以人为本、具有包容性和面向发展的信息社会。",
        "fr": "Le Sommet mondial sur la société de l'information s'est tenu en deux phases, à "
        "Genève en 2003 et à Tunis en 2005. Ses documents finals définissent onze grandes "
        "orientations pour édifier une société de l'information à dimension humaine, inclusive "
        "et privilégiant le développement.",
        "ru": "Всемирная встреча на высшем уровне по вопросам информационного общества прошла в "
        "два этапа: в Женеве в 2003 году и в Тунисе в 2005 году. Ее итоговые документы "
        "определяют одиннадцать направлений деятельности по построению ориентированного на "
        "интересы людей, открытого для всех и направленного на развитие информационного "
        "общества.",
        "es": "La Cumbre Mundial sobre la Sociedad de la Información se celebró en dos fases, en "
        "Ginebra en 2003 y en Túnez en 2005. Sus documentos finales establecen once líneas de "
        "acción para construir una sociedad de la información centrada en la persona, "
        "integradora y orientada al desarrollo.",
    },
    ABOUT_2: {
        "ar": "يجمع منتدى القمة العالمية لمجتمع المعلومات كل عام أصحاب المصلحة في العملية؛ "
        "ويسجّل تقييم أنشطة القمة أنشطتهم، وتكرّم جوائز القمة أفضلها.",
        "zh-hans": "信息社会世界峰会论坛每年召集该进程的各利益攸关方；信息社会世界峰会盘点记录"
        "他们的活动，信息社会世界峰会奖表彰其中的佼佼者。",
        "fr": "Chaque année, le Forum du SMSI réunit les parties prenantes du processus ; "
        "l'inventaire du SMSI recense leurs activités et les prix du SMSI distinguent les "
        "meilleures d'entre elles.",
        "ru": "Ежегодно Форум ВВУИО собирает заинтересованные стороны процесса; Инвентаризация "
        "ВВУИО учитывает их деятельность, а премии ВВУИО отмечают лучшие из них.",
        "es": "Cada año, el Foro de la CMSI reúne a las partes interesadas del proceso; el "
        "Inventario de la CMSI registra sus actividades y los Premios CMSI reconocen las "
        "mejores.",
    },
    "News and announcements": {
        "ar": "الأخبار والإعلانات",
        "zh-hans": "新闻和公告",
        "fr": "Actualités et annonces",
        "ru": "Новости и объявления",
        "es": "Noticias y anuncios",
    },
    "Calls, consultations and publications of the WSIS process.": {
        "ar": "الدعوات والمشاورات والمنشورات الخاصة بعملية القمة العالمية لمجتمع المعلومات.",
        "zh-hans": "信息社会世界峰会进程的征集、磋商和出版物。",
        "fr": "Appels, consultations et publications du processus du SMSI.",
        "ru": "Призывы, консультации и публикации процесса ВВУИО.",
        "es": "Convocatorias, consultas y publicaciones del proceso de la CMSI.",
    },
    CALL_TITLE: {
        "ar": "باب الترشح لجوائز القمة العالمية لمجتمع المعلومات مفتوح",
        "zh-hans": "信息社会世界峰会奖参评申请现已开放",
        "fr": "L'appel à candidatures pour les prix du SMSI est ouvert",
        "ru": "Открыт прием заявок на премии ВВУИО",
        "es": "Está abierta la convocatoria de candidaturas a los Premios CMSI",
    },
    CALL_SUMMARY: {
        "ar": "يمكن لأصحاب المصلحة تقديم مشاريعهم في الفئات الثماني عشرة لمسابقة هذا العام.",
        "zh-hans": "利益攸关方可在今年竞赛的18个类别中提交其项目。",
        "fr": "Les parties prenantes peuvent présenter leurs projets dans les 18 catégories du "
        "concours de cette année.",
        "ru": "Заинтересованные стороны могут представить свои проекты в 18 категориях конкурса "
        "этого года.",
        "es": "Las partes interesadas pueden presentar sus proyectos en las 18 categorías del "
        "concurso de este año.",
    },
    # The menu and footer's labels.
    "About": {
        "ar": "نبذة عن القمة",
        "zh-hans": "关于峰会",
        "fr": "À propos",
        "ru": "О ВВУИО",
        "es": "Acerca de la CMSI",
    },
    "Documents": {
        "ar": "الوثائق",
        "zh-hans": "文件",
        "fr": "Documents",
        "ru": "Документы",
        "es": "Documentos",
    },
    "How to submit": {
        "ar": "كيفية التقديم",
        "zh-hans": "如何提交",
        "fr": "Comment soumettre",
        "ru": "Как подать материалы",
        "es": "Cómo presentar",
    },
    "FAQ": {
        "ar": "الأسئلة الشائعة",
        "zh-hans": "常见问题",
        "fr": "Questions fréquentes",
        "ru": "Часто задаваемые вопросы",
        "es": "Preguntas frecuentes",
    },
    "Contact": {
        "ar": "الاتصال بنا",
        "zh-hans": "联系我们",
        "fr": "Contact",
        "ru": "Контакты",
        "es": "Contacto",
    },
}


def strings_in(language: str) -> dict[str, str]:
    """The demo's translations into `language`, by source text."""
    return {source: by_language[language] for source, by_language in TRANSLATIONS.items()}
