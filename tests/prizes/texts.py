"""Real texts for the "in English" rule of the WSIS Prizes (tests/prizes/test_english.py)."""

ENGLISH = (
    "Our project connects rural schools to broadband internet and trains teachers to use digital "
    "tools in the classroom. Since 2022 more than three hundred schools have joined, and the "
    "number of pupils who can use a computer has doubled. Local governments share the costs, and "
    "volunteers maintain the equipment."
)
FRENCH = (
    "Notre projet relie les écoles rurales à l'internet haut débit et forme les enseignants à "
    "l'usage des outils numériques en classe. Depuis 2022, plus de trois cents écoles ont rejoint "
    "le programme et le nombre d'élèves capables d'utiliser un ordinateur a doublé."
)
SPANISH = (
    "Nuestro proyecto conecta las escuelas rurales a internet de banda ancha y capacita a los "
    "docentes en el uso de herramientas digitales en el aula. Desde 2022 se han sumado más de "
    "trescientas escuelas y se ha duplicado el número de alumnos que saben usar una computadora."
)
ARABIC = (
    "يربط مشروعنا المدارس الريفية بالإنترنت عريض النطاق ويدرب المعلمين على استخدام الأدوات "
    "الرقمية في الفصول الدراسية. ومنذ عام 2022 انضمت أكثر من ثلاثمائة مدرسة إلى البرنامج وتضاعف "
    "عدد التلاميذ القادرين على استخدام الحاسوب."
)
CHINESE = (
    "我们的项目将农村学校连接到宽带互联网，并培训教师在课堂上使用数字工具。自2022年以来，"
    "已有三百多所学校加入该计划，能够使用电脑的学生人数翻了一番。"
)
# English whose proper names are French: read as a whole, the identifier leans to French.
ENGLISH_WITH_FRENCH_NAMES = (
    "The Agence de Développement de l'Informatique de l'État and the Université Cheikh Anta Diop "
    "de Dakar run the Sénégal Numérique programme with the Ministère de l'Économie numérique and "
    "the Fondation Sonatel, training young people in every region of the country."
)
ENGLISH_WITH_MANY_NAMES = (
    "Sénégal Numérique is run by the Agence de Développement de l'Informatique de l'État with the "
    "Université Cheikh Anta Diop de Dakar and the Ministère de la Communication, des "
    "Télécommunications et de l'Économie numérique. Together with the Fundación Telefónica and "
    "the Banco do Brasil, the partners train young people in every region to build and maintain "
    "community networks, and they publish what they learn under open licences."
)
# An English paragraph followed by its French original: the whole reads as English at best
# narrowly, the French paragraph alone clearly as French.
ENGLISH_THEN_FRENCH = ENGLISH + "\n\n" + FRENCH
