"""The default law paragraphs as checkable data: law, number, label, former SEL number, source.

Every entry of the built-in ``paragraphs`` list is made from a ``LawParagraph`` here, so the
label people pick from, the administrators' marker and the table in ``docs/law.md`` come from
the same data and cannot disagree. ``confirmed`` says whether the number, the label and the
former Serviceloven number were found in the source; ``basis`` says what confirms it or, for an
unconfirmed entry, what is missing. Sources were read as stored extracts of lovguiden.dk,
retsinformation-based sites and ft.dk, not the live law: check retsinformation.dk before relying
on an entry.

An entry that may no longer be picked (``retired``) stays in the list so that values stored
before still show their label; pickers leave it out unless it is the value already chosen.
"""

from __future__ import annotations

from dataclasses import dataclass

BL = "Barnets lov"
SEL = "Serviceloven"
FVL = "Forvaltningsloven"
FSL = "Folkeskoleloven"
STU = "STU-loven"
LAB = "Lov om en aktiv beskæftigelsesindsats"

LOVGUIDEN_BL = "https://www.lovguiden.dk/loven/bekendtgørelse-af-barnets-lov/"
DELVEJLEDNING_6 = (
    "https://regelrytter.dk/vejledning-om-hjaelp-og-stoette-til-boern-og-unge-med-"
    "funktionsnedsaettelse-og-deres-familier-delvejledning-6-af-6-til-barnets-lov"
)
L201 = "https://www.ft.dk/samling/20241/lovforslag/l201/20241_l201_som_fremsat.htm"


@dataclass(frozen=True)
class LawParagraph:
    """One paragraph a form, a decision row or a funding line can name as its legal basis."""

    key: str  # the stable value stored in submissions and funding lines
    law: str
    number: str  # "§ 35, stk. 4, nr. 1 og 4"
    label: str  # short, in the law's own terms
    source: str  # a link to where the number and label were checked
    basis: str  # what confirms the entry, or what is missing when unconfirmed
    # The part of a joint plan it belongs to: children, procedure, aids, school, stu,
    # employment, adults (the list is ordered by it).
    sector: str = "children"
    former_sel: str | None = None  # the Serviceloven number before barnets lov (1 Jan 2024)
    confirmed: bool = True
    retired: str | None = None  # why it can no longer be picked (old values still show)
    superseded_by: tuple[str, ...] = ()  # the keys to use instead

    @property
    def citation(self) -> str:
        """ "Barnets lov § 46" – law and number."""
        return f"{self.law} {self.number}"

    @property
    def display_label(self) -> str:
        """The label shown in lists, generated from the parts."""
        former = f" (tidl. SEL {self.former_sel})" if self.former_sel else ""
        return f"{self.citation}{former} – {self.label}"

    @property
    def admin_note(self) -> str | None:
        """What administrators are told beside the entry (None for a confirmed, current one)."""
        parts = []
        if self.retired:
            parts.append("Udgået: " + self.retired)
        if not self.confirmed:
            parts.append("Ubekræftet: " + self.basis)
        return " ".join(parts) or None


def _bl(key: str, number: str, label: str, basis: str, **kw) -> LawParagraph:
    """A Barnets lov entry checked on lovguiden's page for its first paragraph number."""
    page = number.split("§")[-1].strip().split(",")[0].split("–")[0].strip()
    kw.setdefault("source", LOVGUIDEN_BL + page)
    return LawParagraph(key, BL, number, label, basis=basis, **kw)


_FORMER_INFERRED = (
    "Nummer og ordlyd er bekræftet; det tidligere SEL-nummer er kun udledt af indholdet."
)
_FROM_TOC = (
    "Nummeret er kun taget fra indholdsfortegnelsen i Delvejledning 6 til barnets lov; "
    "lovteksten er ikke set."
)

LAW_PARAGRAPHS: tuple[LawParagraph, ...] = (
    _bl("bl_18", "§ 18", "screening", "Lovteksten (LBK nr. 282 af 17/03/2025)."),
    _bl(
        "bl_19",
        "§ 19",
        "afdækning",
        "Barnets lov § 18, stk. 1, nr. 2, og § 32, stk. 4, henviser til afdækning efter § 19.",
        source=LOVGUIDEN_BL + "18",
    ),
    _bl(
        "bl_20",
        "§ 20",
        "børnefaglig undersøgelse",
        "Lovteksten og forarbejderne.",
        former_sel="§ 50",
    ),
    _bl(
        "bl_30",
        "§ 30",
        "tidligt forebyggende indsatser",
        "Lovteksten og forarbejderne.",
        former_sel="§ 11, stk. 3",
    ),
    _bl(
        "bl_32",
        "§ 32",
        "støttende indsatser",
        _FORMER_INFERRED,
        former_sel="§ 52, stk. 3",
        confirmed=False,
    ),
    _bl(
        "bl_35",
        "§ 35, stk. 1 og 3",
        "økonomisk støtte til konsulentbistand og prævention (stk. 1) og til fritidsaktiviteter "
        "(stk. 3)",
        "To forskellige afgørelser under én nøgle; det tidligere SEL-nummer er kun udledt af "
        "indholdet.",
        former_sel="§ 11, stk. 4 og 6",
        confirmed=False,
        retired="Én nøgle for to forskellige afgørelser. Brug § 35, stk. 1, eller § 35, stk. 3.",
        superseded_by=("bl_35_1", "bl_35_3"),
    ),
    _bl(
        "bl_35_1",
        "§ 35, stk. 1",
        "økonomisk støtte til konsulentbistand og prævention",
        _FORMER_INFERRED,
        former_sel="§ 11, stk. 4",
        confirmed=False,
    ),
    _bl(
        "bl_35_3",
        "§ 35, stk. 3",
        "økonomisk støtte til fritidsaktiviteter (kan ikke indbringes for anden myndighed)",
        _FORMER_INFERRED,
        former_sel="§ 11, stk. 6",
        confirmed=False,
    ),
    _bl(
        "bl_35_4",
        "§ 35, stk. 4",
        "økonomisk støtte til udgifter ved støttende indsatser efter § 32 (nr. 1), "
        "for at undgå anbringelse (nr. 4) m.fl.",
        "Lovteksten; SEL § 52 a, stk. 1, har samme ordlyd (danskelove.dk/serviceloven/52a).",
        former_sel="§ 52 a",
    ),
    _bl(
        "bl_46",
        "§ 46",
        "anbringelse uden for hjemmet med samtykke",
        "Lovteksten; forarbejderne til § 49 henviser til SEL § 52, stk. 3, nr. 7.",
        former_sel="§ 52, stk. 3, nr. 7",
    ),
    _bl(
        "bl_47",
        "§ 47",
        "anbringelse uden for hjemmet uden samtykke (børne- og ungeudvalget)",
        "Lovteksten; forarbejderne til § 49 gengiver SEL § 58, stk. 1; § 142 lægger "
        "afgørelsen i et møde i børne- og ungeudvalget.",
        former_sel="§ 58",
    ),
    _bl(
        "bl_81",
        "§ 81",
        "rådgivning, undersøgelse og behandling; familievejlederordning (stk. 4: inden 3 måneder)",
        "Lovteksten; forarbejderne nævner SEL § 11, stk. 7. At familievejledningen var § 11, "
        "stk. 5, er kun udledt af indholdet.",
        former_sel="§ 11, stk. 5 og 7",
        confirmed=False,
    ),
    _bl(
        "bl_82_84",
        "§§ 82–84",
        "særlige dag- og klubtilbud",
        _FROM_TOC,
        former_sel="§ 32",
        confirmed=False,
        source=DELVEJLEDNING_6,
    ),
    _bl(
        "bl_85",
        "§ 85",
        "hjemmetræning",
        _FROM_TOC,
        former_sel="§ 32 a",
        confirmed=False,
        source=DELVEJLEDNING_6,
    ),
    _bl(
        "bl_86",
        "§ 86",
        "kompensationsydelse (tidl. merudgifter)",
        "L 201 (2024–25), lov om ændring af serviceloven og barnets lov, omdøber ydelsen til "
        "kompensationsydelse fra 1. september 2025 (datoen oplyst af Allerød Kommune); "
        "tidl. SEL § 41 efter forarbejderne til § 86.",
        former_sel="§ 41",
        source=L201,
    ),
    _bl(
        "bl_87_88",
        "§§ 87–88",
        "tabt arbejdsfortjeneste",
        "Delvejledning 6 til barnets lov, kapitel 6.",
        former_sel="§§ 42–43",
        source=DELVEJLEDNING_6,
    ),
    _bl(
        "bl_89",
        "§ 89",
        "ledsagelse",
        _FROM_TOC,
        former_sel="§ 45",
        confirmed=False,
        source=DELVEJLEDNING_6,
    ),
    _bl(
        "bl_90",
        "§ 90",
        "personlig og praktisk hjælp, afløsning og aflastning",
        "Lovteksten og forarbejderne.",
        former_sel="§ 44",
    ),
    _bl(
        "bl_91",
        "§ 91",
        "barnets plan",
        "Forarbejderne.",
        former_sel="§ 140",
    ),
    _bl("bl_95", "§ 95", "opfølgning", "Lovteksten."),
    _bl(
        "bl_108",
        "§ 108",
        "ungeplan (fra 16 år)",
        "sm.dk om barnets plan og opfølgning.",
        source="https://www.sm.dk/arbejdsomraader/boern-og-unge-i-udsatte-positioner/"
        "saerlig-stoette-og-hjaelp/barnets-plan-og-opfoelgning",
    ),
    _bl(
        "bl_110",
        "§ 110",
        "helhedsorienteret plan",
        "Lovteksten; forarbejderne gengiver SEL § 140 a.",
        former_sel="§ 140 a",
    ),
    _bl(
        "bl_122_123",
        "§§ 122–123",
        "overgang til voksenlivet",
        "Forarbejderne til § 123.",
        former_sel="§ 19 a",
        source=LOVGUIDEN_BL + "123",
    ),
    LawParagraph(
        "fvl_19",
        FVL,
        "§ 19",
        "partshøring",
        "https://ombudsmanden.dk/find-viden/myndighedsguiden/generel-forvaltningsret/"
        "9-partshoering",
        "Folketingets Ombudsmand og Medicinrådets vejledning om forvaltningsloven § 19.",
        sector="procedure",
    ),
    LawParagraph(
        "sel_49a",
        SEL,
        "§ 49 a",
        "udveksling af oplysninger i det tidlige forebyggende samarbejde",
        "https://socialstyrelsen.dk/tvaergaende-omrader/sagsbehandling-born-og-unge/"
        "om-sagsbehandling-born-og-unge/barnets-reform/lovaendringer/"
        "udveksling-af-oplysninger-ssd-og-underretning",
        "Kilden er fra 2015; om bestemmelsen står i serviceloven efter barnets lov, og hvor den "
        "i givet fald står nu, er ikke fundet.",
        sector="procedure",
        confirmed=False,
        retired="Handler om udveksling af oplysninger og er ikke hjemmel til en indsats.",
    ),
    LawParagraph(
        "sel_112",
        SEL,
        "§ 112",
        "hjælpemidler (for børn gennem barnets lov § 90)",
        LOVGUIDEN_BL + "90",
        "Forarbejderne til barnets lov § 90, der henviser til SEL §§ 112–116.",
        sector="aids",
    ),
    LawParagraph(
        "sel_113",
        SEL,
        "§ 113",
        "forbrugsgoder (for børn gennem barnets lov § 90)",
        LOVGUIDEN_BL + "90",
        "Forarbejderne til barnets lov § 90, der henviser til SEL §§ 112–116.",
        sector="aids",
    ),
    LawParagraph(
        "sel_114",
        SEL,
        "§ 114",
        "støtte til bil (for børn gennem barnets lov § 90)",
        LOVGUIDEN_BL + "90",
        "Forarbejderne til barnets lov § 90, der henviser til SEL §§ 112–116.",
        sector="aids",
    ),
    LawParagraph(
        "sel_116",
        SEL,
        "§ 116",
        "boligindretning (for børn gennem barnets lov § 90)",
        LOVGUIDEN_BL + "90",
        "Forarbejderne til barnets lov § 90, der henviser til SEL §§ 112–116.",
        sector="aids",
    ),
    LawParagraph(
        "fsl_3_2",
        FSL,
        "§ 3, stk. 2",
        "specialundervisning og anden specialpædagogisk bistand",
        "https://danskelove.dk/folkeskoleloven",
        "Lovteksten; folkeskolelovens § 20, stk. 2, henviser til § 3, stk. 2.",
        sector="school",
    ),
    LawParagraph(
        "fsl_3a",
        FSL,
        "§ 3 a",
        "supplerende undervisning, anden faglig støtte og personlig assistance",
        "https://www.lovguiden.dk/loven/folkeskoleloven/3a",
        "Lovteksten (LBK nr. 989 af 27/08/2024).",
        sector="school",
    ),
    LawParagraph(
        "fsl_4",
        FSL,
        "§ 4",
        "specialpædagogisk bistand før skolestart",
        "https://admin.elov.dk/folkeskoleloven/paragraf/4",
        "Lovteksten (LBK nr. 1100 af 5/9/2025).",
        sector="school",
    ),
    LawParagraph(
        "stu_2",
        STU,
        "§ 2",
        "særligt tilrettelagt ungdomsuddannelse (retskrav på 3-årig uddannelse)",
        "https://elov.dk/lov-om-ungdomsuddannelse-for-unge-med-saerlige-behov/",
        "Lovteksten (LBK nr. 1077 af 11/08/2023).",
        sector="stu",
    ),
    LawParagraph(
        "lab_167",
        LAB,
        "§ 167",
        "mentorstøtte",
        "https://www.elov.dk/lov-om-en-aktiv-beskaeftigelsesindsats/kapitel/26/",
        "Lovteksten, kapitel 26 (LBK nr. 701 af 22/05/2022); § 167 ændret ved lov nr. 295 af "
        "20/03/2023.",
        sector="employment",
    ),
    LawParagraph(
        "sel_85",
        SEL,
        "§ 85",
        "socialpædagogisk bistand (hjælp, omsorg, støtte og optræning)",
        "https://socialretsadvokaterne.dk/handicappedes-rettigheder/serviceloven-85/",
        "Lovteksten gengivet af socialretsadvokaterne.dk og rcfm.dk.",
        sector="adults",
    ),
    LawParagraph(
        "sel_97",
        SEL,
        "§ 97",
        "ledsagelse (voksne)",
        "https://www.elov.dk/serviceloven/",
        "Nummeret er ikke fundet i kilderne; børns ledsagelse var SEL § 45, nu barnets lov.",
        sector="adults",
        confirmed=False,
    ),
    LawParagraph(
        "sel_100",
        SEL,
        "§ 100",
        "kompensationsydelse (voksne, tidl. merudgifter)",
        L201,
        "L 201 (2024–25) ændrer § 100 fra merudgiftsydelse til kompensationsydelse.",
        sector="adults",
    ),
    LawParagraph(
        "sel_107",
        SEL,
        "§ 107",
        "midlertidigt ophold i boform",
        "https://danskelove.dk/serviceloven/107-110",
        "Lovteksten.",
        sector="adults",
    ),
    LawParagraph(
        "sel_108",
        SEL,
        "§ 108",
        "længerevarende ophold i boform",
        "https://danskelove.dk/serviceloven/107-110",
        "Lovteksten.",
        sector="adults",
    ),
)

BY_KEY = {p.key: p for p in LAW_PARAGRAPHS}


def law_paragraph(key: str) -> LawParagraph | None:
    """The built-in entry for a paragraph key, or None for a municipality's own key."""
    return BY_KEY.get(key)
