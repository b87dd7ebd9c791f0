"""The launch content in Spanish, by the English page's slug. `cms.launch` copies each
English launch page into the Spanish locale (Wagtail's copy for translation, so the pages
share a translation key and the same address) and fills these fields in.

Plain Spanish, as for the English texts; the numbers come from `placements.rules`.
"""

from cms.launch_text import money, paragraphs, steps
from placements.applications import rules
from placements.outcomes import rules as outcome_rules


def home_fields() -> dict:
    return {
        "title": "Portal de Empleo Segunda Oportunidad",
        "intro": paragraphs(
            "Empleadores que dan segundas oportunidades, personas que regresan de prisión "
            "y el personal del club de empleo que las ayuda, en un solo lugar."
        ).source,
        "employers_text": "Contrate a personas preparadas para trabajar, con el apoyo del "
        "programa.",
        "participants_text": "Encuentre trabajo con empleadores que dan segundas "
        "oportunidades. El personal del club de empleo le ayuda en cada paso.",
        "partners_text": "El programa sigue las contrataciones, cuánto duran los empleos y "
        "los regresos a prisión, e informa de ellos.",
    }


def page_fields() -> dict[str, dict]:
    """Spanish fields of every launch page below the home page, by English slug."""
    full_max = money(rules.wotc_maximum_credit(full_rate=True))
    partial_max = money(rules.wotc_maximum_credit(full_rate=False))
    wage_cap = money(rules.wotc_wage_cap())
    end = rules.wotc_end_date()
    window = rules.wotc_filing_window_days()
    bond = money(rules.bonding_default_amount())
    bond_max = money(rules.bonding_maximum_amount())
    months = rules.bonding_coverage_months()
    minimum, full_hours = rules.wotc_minimum_hours(), rules.wotc_full_rate_hours()
    return {
        "hiring-incentives": {
            "title": "Incentivos para contratar",
            "intro": paragraphs(
                "Lo que usted gana al contratar a una persona con antecedentes, y cómo el "
                "programa le ayuda a obtenerlo."
            ).source,
        },
        "work-opportunity-tax-credit": {
            "title": "Crédito fiscal por oportunidad de trabajo (WOTC)",
            "provider": "El gobierno federal (IRS), por medio de las agencias de empleo de "
            "Missouri y Kansas",
            "value_summary": f"Hasta {full_max} menos en sus impuestos federales por cada "
            "persona con una condena por delito grave que usted contrate.",
            "eligibility": paragraphs(
                "Una persona condenada por un delito grave que usted contrata dentro del año "
                "siguiente a la condena o a su salida de prisión (la fecha más reciente).",
                "No hay límite de personas.",
            ),
            "claim_steps": steps(
                (
                    "Llene el formulario 8850 del IRS con la persona",
                    "La persona firma su parte el día de la oferta de trabajo o antes. El "
                    "personal del club de empleo puede ayudar.",
                ),
                (
                    "Llene el formulario del estado (ETA 9061)",
                    "Indica al estado a qué grupo pertenece la persona.",
                ),
                (
                    "Envíe los dos formularios a la agencia de empleo del estado",
                    f"Dentro de los {window} días de calendario después del primer día de trabajo.",
                ),
                (
                    "Pida el crédito en su declaración de impuestos",
                    "Cuando el estado certifique la contratación, use el formulario 5884.",
                ),
            ),
            "deadlines": paragraphs(
                f"El formulario 8850 debe llegar al estado dentro de los {window} días "
                "después del inicio. Un formulario tarde o sin firma pierde el crédito."
            ),
            "status_note": f"El crédito cubría a personas que empezaron a trabajar hasta el "
            f"{end.day} de diciembre de {end.year}. Desde entonces está vencido mientras el "
            "Congreso decide si lo renueva. Los estados siguen aceptando el formulario 8850 "
            "y el programa lo sigue enviando, porque las renovaciones pasadas "
            "cubrieron ese tiempo.",
            "source_name": "IRS: Crédito fiscal por oportunidad de trabajo",
            "body": [
                ("heading", {"text": "Cuánto vale", "level": "h2"}),
                (
                    "paragraph",
                    paragraphs(
                        f"Depende de las horas que la persona trabaje en su primer año. "
                        f"Menos de {minimum:.0f} horas: nada. De {minimum:.0f} a "
                        f"{full_hours - 1:.0f} horas: {rules.wotc_partial_rate() * 100:.0f}% "
                        f"de hasta {wage_cap} de salario (como máximo {partial_max}). "
                        f"{full_hours:.0f} horas o más: {rules.wotc_full_rate() * 100:.0f}% "
                        f"de hasta {wage_cap} (como máximo {full_max})."
                    ),
                ),
            ],
        },
        "federal-bonding-program": {
            "title": "Programa Federal de Fianzas",
            "provider": "El Departamento de Trabajo de EE. UU., por medio del coordinador "
            "estatal de fianzas",
            "value_summary": f"Un seguro gratis de {bond} (hasta {bond_max}) contra robos "
            f"de empleados durante los primeros {months} meses de una contratación.",
            "eligibility": paragraphs(
                "Cualquier persona con antecedentes a quien usted ofrezca un trabajo con "
                "fecha de inicio. No le cuesta nada y no tiene deducible."
            ),
            "claim_steps": steps(
                (
                    "Haga una oferta de trabajo con fecha de inicio",
                    "La fianza empieza el primer día.",
                ),
                (
                    "Avise al personal del club de empleo",
                    "Enviamos la solicitud con el puesto, el lugar, la fecha de inicio, el "
                    "salario y las horas por semana.",
                ),
                (
                    "Reciba la fianza",
                    f"Cubre robo, falsificación, hurto y malversación durante {months} meses.",
                ),
            ),
            "deadlines": paragraphs("Pídala antes del primer día de trabajo o ese mismo día."),
            "source_name": "Programa Federal de Fianzas",
        },
        "fair-chance-hiring-guide": {
            "title": "Guía para contratar con equidad",
            "provider": "Kansas City (Missouri), la EEOC y la Ley de Informes de Crédito "
            "Justos (FCRA)",
            "value_summary": "Cómo considerar unos antecedentes de forma justa y legal.",
            "eligibility": paragraphs(
                "En Kansas City, Missouri, los empleadores con 6 o más empleados deben "
                "cumplir la ordenanza de la ciudad. La guía de la EEOC y la FCRA valen para "
                "todos los empleadores."
            ),
            "claim_steps": steps(
                (
                    "Espere para preguntar por los antecedentes",
                    "En Kansas City, pregunte solo después de la entrevista, cuando la "
                    "persona ya cumple los requisitos. El portal muestra los antecedentes "
                    "solo en esa etapa.",
                ),
                (
                    "Mire a la persona, no solo los antecedentes",
                    "Considere la gravedad del delito, el tiempo que ha pasado y si de "
                    "verdad tiene relación con este trabajo. Un arresto solo no prueba nada.",
                ),
                (
                    "Use la verificación de antecedentes como manda la ley",
                    "Primero dé un aviso por escrito y obtenga permiso por escrito.",
                ),
                (
                    "Antes de decir que no por los antecedentes",
                    "Envíe un aviso previo a la acción adversa con una copia del informe y el "
                    "resumen de derechos. Espere al menos 5 días hábiles para que la persona "
                    "responda. Si aun así no la contrata, envíe el aviso de acción adversa.",
                ),
            ),
            "source_name": "Guía de la EEOC 915.002",
        },
        "what-the-program-does-for-you": {
            "title": "Lo que el programa hace por usted",
            "provider": "El personal del club de empleo Segunda Oportunidad",
            "value_summary": "Candidatos evaluados y preparados, y seguimiento después de la "
            "contratación, sin costo.",
            "eligibility": paragraphs(
                "Cualquier empleador aprobado por el programa que da segundas oportunidades."
            ),
            "claim_steps": steps(
                (
                    "Candidatos evaluados",
                    "Le enviamos personas cuyas habilidades y situación encajan con su trabajo.",
                ),
                (
                    "Preparación en el club de empleo",
                    "Los candidatos practican entrevistas, hábitos de trabajo y trabajo en "
                    "equipo; muchos primero en empleos de transición pagados.",
                ),
                (
                    "Seguimiento para que se queden",
                    "Llamamos a los 30, 90, 180 y 365 días y ayudamos a resolver problemas a "
                    "tiempo.",
                ),
            ),
            "source_name": "Programa Segunda Oportunidad",
        },
        "find-help": {
            "title": "Encuentre ayuda cerca de usted",
            "intro": paragraphs(
                "Vivienda, comida, identificación, transporte y más, para personas que "
                "regresan de prisión y sus familias. Busque por tipo de ayuda y por la "
                "distancia que puede viajar."
            ).source,
        },
        "stories": {
            "title": "Historias y noticias",
            "intro": "Personas que regresaron, los empleadores que las contrataron y noticias "
            "del programa.",
        },
        "about": {
            "title": "Sobre el programa",
            "summary": "Un club de empleo para personas que regresan de prisión, y los "
            "empleadores que las contratan.",
            "body": [
                (
                    "paragraph",
                    paragraphs(
                        "Segunda Oportunidad ayuda a las personas que regresan de prisión a "
                        "encontrar trabajo y a mantenerlo. El personal del club de empleo "
                        "ayuda con el currículum, las entrevistas, la identificación y el "
                        "transporte, y sigue en contacto después de la contratación.",
                        "Quien nunca ha tenido un empleo puede empezar con empleos de "
                        "transición pagados: días de trabajo en equipo que crean hábitos.",
                    ),
                ),
                ("heading", {"text": "Por qué importa", "level": "h2"}),
                (
                    "paragraph",
                    paragraphs(
                        "Un trabajo estable es una de las mejores protecciones contra volver "
                        "a prisión. Cada persona que se queda fuera un año le ahorra al "
                        f"estado unos {money(outcome_rules.savings_per_person_year())}."
                    ),
                ),
            ],
        },
        "privacy": {
            "title": "Aviso de privacidad",
            "summary": "Qué guardamos sobre usted, para qué y quién lo puede ver.",
            "body": [
                ("heading", {"text": "Qué guardamos", "level": "h2"}),
                (
                    "paragraph",
                    paragraphs(
                        "Su nombre, cómo contactarle, su historial de trabajo y sus "
                        "habilidades, y lo que nos cuente sobre sus antecedentes y su "
                        "supervisión, para encontrar trabajos que le convengan. Nunca "
                        "guardamos información de tratamientos por uso de sustancias."
                    ),
                ),
                ("heading", {"text": "Quién lo puede ver", "level": "h2"}),
                (
                    "paragraph",
                    paragraphs(
                        "El personal del club de empleo. Un empleador ve sus antecedentes "
                        "solo en la etapa que permite la ley (en Kansas City, después de la "
                        "entrevista) y solo con su permiso."
                    ),
                ),
                (
                    "faq",
                    {
                        "question": "¿Puedo ver o corregir lo que guardan?",
                        "answer": paragraphs(
                            "Sí. Pregunte al personal del club de empleo en cualquier momento."
                        ),
                    },
                ),
            ],
        },
        "contact": {
            "title": "Contáctenos",
            "summary": "Llame, escriba o visite el club de empleo.",
            "body": [
                (
                    "paragraph",
                    paragraphs(
                        "Pregunte en el mostrador del club de empleo o llame a la oficina del "
                        "programa en horario de trabajo. Empleadores: respondemos en un día "
                        "hábil."
                    ),
                ),
            ],
        },
    }
