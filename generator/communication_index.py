"""The CDC Clear Communication Index and the PEMAT-P: their items, and a material's answers and scores, as far as
software can decide them (see checks/clear_communication.py) and with what is left for a reviewer.

The questions are the tools' own words, from the Index's full score sheet and the PEMAT's items for printable
materials; what each item asks a reviewer to look for (`look_for`) is our paraphrase of the tools' guidance.
"""

from __future__ import annotations

from dataclasses import dataclass

from .checks.clear_communication import CDC, MET, NOT_APPLICABLE, NOT_MET, PEMAT, CheckResult

REVIEW = "review"  # an item software cannot decide: a reviewer answers it


@dataclass(frozen=True)
class Source:
    """A published tool the report applies, named as it should be cited."""

    id: str
    name: str
    citation: str
    url: str
    scoring: str  # how its score is worked out, in a sentence


SOURCES = (
    Source(CDC, "CDC Clear Communication Index",
           "Centers for Disease Control and Prevention, Office of the Associate Director for Communication. CDC Clear "
           "Communication Index: A Tool for Developing and Assessing CDC Public Communication Products. User Guide, "
           "May 2013, and the Index's full score sheet (4 introductory questions and 20 scored items), 2014.",
           "https://www.cdc.gov/ccindex/index.html",
           "Each item that applies scores 1 point (Yes) or 0 (No); items that do not apply are left out. The score is "
           "the points earned divided by the points possible, times 100; 90 or more passes."),
    Source(PEMAT, "PEMAT-P",
           "Shoemaker SJ, Wolf MS, Brach C. The Patient Education Materials Assessment Tool (PEMAT) and User's Guide, "
           "Version 1.0. Agency for Healthcare Research and Quality, AHRQ Publication No. 14-0002-EF, November 2013, "
           "updated August 2014: the PEMAT for printable materials (PEMAT-P), 17 understandability and 7 "
           "actionability items.",
           "https://www.ahrq.gov/",
           "Each item is rated Agree (1 point), Disagree (0) or, where the item allows, Not applicable (left out). "
           "Understandability and actionability are scored apart, each as the points earned divided by the points "
           "possible, times 100; 70% or more is the threshold commonly used with the PEMAT."),
)


@dataclass(frozen=True)
class Item:
    """One scored item of a tool."""

    tool: str
    number: int
    group: str  # the Index's part, or the PEMAT's domain
    topic: str  # the Index's area, or the PEMAT's topic
    question: str  # the tool's words
    look_for: str  # what a reviewer looks for: our paraphrase of the tool's guidance
    not_applicable: str = ""  # when the item may be answered N/A, as the tool says; '' when it always applies
    reversed: bool = False  # the Index's item 17: No earns the point


def _cdc(number, part, area, question, look_for, not_applicable="", reversed=False) -> Item:
    return Item(CDC, number, part, area, question, look_for, not_applicable, reversed)


def _pemat(number, domain, topic, question, look_for, not_applicable="") -> Item:
    return Item(PEMAT, number, domain, topic, question, look_for, not_applicable)


MAIN = "Main message and call to action"
# When the Index's parts B to D do not apply, and so neither do their items.
NO_RECOMMENDATION = "the material has no behavioral recommendation for the primary audience (Part B does not apply)"
NO_NUMBERS = "the material has no numbers related to the topic (Part C does not apply)"
NO_RISK = "the material presents no information about risk (Part D does not apply)"
CDC_ITEMS = (
    _cdc(1, "A", MAIN, "Does the material contain one main message statement?",
         "One thing the primary audience must remember, in 1 to 3 short sentences; a topic is not a main message. With "
         "no main message, items 2 to 4 score 0."),
    _cdc(2, "A", MAIN, "Is the main message at the top, beginning, or front of the material?",
         "The main message is in the first paragraph or section (on a web page, visible without scrolling)."),
    _cdc(3, "A", MAIN, "Is the main message emphasized with visual cues?",
         "Bold or larger type, colour, a box, lines, arrows, or a heading such as \u201cWhat you need to know\u201d."),
    _cdc(4, "A", MAIN, "Does the material contain at least one visual that conveys or supports the main message?",
         "A photograph, drawing, graph or infographic, with a caption or labels, that carries or backs up the main "
         "message."),
    _cdc(5, "A", MAIN, "Does the material include one or more calls to action for the primary audience?",
         "A behaviour to adopt, a prompt to get more information, a request to share it, or a broad call for change, "
         "addressed to the primary audience."),
    _cdc(6, "A", "Language", "Do both the main message and the call to action use the active voice?",
         "Both say who does what. With no main message or no call to action, answer no."),
    _cdc(7, "A", "Language", "Does the material always use words the primary audience uses?",
         "Every specialised or unfamiliar term is explained at its first use; acronyms and abbreviations the "
         "audience may not know are spelt out and explained."),
    _cdc(8, "A", "Information design", "Does the material use bulleted or numbered lists?",
         "No list has more than 7 items without being broken into shorter lists; lists only for further information "
         "or references, or only at the end, do not count."),
    _cdc(9, "A", "Information design", "Is the material organized in chunks with headings?",
         "Prose and lists come in chunks of one idea each, under headings that match them."),
    _cdc(10, "A", "Information design",
         "Is the most important information the primary audience needs summarized in the first paragraph or section?",
         "The first paragraph or section sums up what the audience most needs, main message included."),
    _cdc(11, "A", "State of the science",
         "Does the material explain what authoritative sources, such as subject matter experts and agency "
         "spokespersons, know and don\u2019t know about the topic?",
         "Both what is known and what is not yet known; one of the two alone scores no."),
    _cdc(12, "B", "Behavioral recommendations",
         "Does the material include one or more behavioral recommendations for the primary audience?",
         "A behaviour the material asks the primary audience to adopt.", not_applicable=NO_RECOMMENDATION),
    _cdc(13, "B", "Behavioral recommendations",
         "Does the material explain why the behavioral recommendation(s) is important to the primary audience?",
         "Why it matters to the audience, not numbers alone.", not_applicable=NO_RECOMMENDATION),
    _cdc(14, "B", "Behavioral recommendations",
         "Does the behavioral recommendation(s) include specific directions about how to perform the behavior?",
         "Steps, or a simple description of how, when or how often; when and how to reach a provider counts.",
         not_applicable=NO_RECOMMENDATION),
    _cdc(15, "C", "Numbers", "Does the material always present numbers the primary audience uses?",
         "Only numbers the audience knows and the main message needs; whole numbers suit most audiences.",
         not_applicable=NO_NUMBERS),
    _cdc(16, "C", "Numbers", "Does the material always explain what the numbers mean?",
         "Each number comes with what it means for the reader.", not_applicable=NO_NUMBERS),
    _cdc(17, "C", "Numbers", "Does the audience have to conduct mathematical calculations?",
         "Adding, subtracting, multiplying, dividing or finding a common denominator to compare. No earns the point.",
         not_applicable=NO_NUMBERS, reversed=True),
    _cdc(18, "D", "Risk", "Does the material explain the nature of the risk?",
         "The threat or harm, and how and why people may be affected, not the threat alone.", not_applicable=NO_RISK),
    _cdc(19, "D", "Risk", "Does the material address both the risks and benefits of the recommended behaviors?",
         "Risks and benefits, as they are and as the audience sees them; one without the other scores no.",
         not_applicable=f"{NO_RISK}, or no behavioral recommendation"),
    _cdc(20, "D", "Risk",
         "If the material uses numeric probability to describe risk, is the probability also explained with words or "
         "a visual?",
         "A probability given as a number (1 in 5, 20%) is also put in words or shown in a picture.",
         not_applicable=f"{NO_RISK}, or gives no numeric probability"),
)

# The Index's parts: a heading each, and the question that says whether parts B to D apply.
CDC_PARTS = {
    "A": ("Part A: Core", "Items 1 to 11 apply to every material."),
    "B": ("Part B: Behavioral recommendations",
          "Applies when the material includes one or more behavioral recommendations for the primary audience; "
          "otherwise items 12 to 14 are not applicable."),
    "C": ("Part C: Numbers",
          "Applies when the material includes one or more numbers related to the topic; otherwise items 15 to 17 "
          "are not applicable."),
    "D": ("Part D: Risk",
          "Applies when the material presents information, including numbers, about risk; otherwise items 18 to 20 "
          "are not applicable."),
}

UNDERSTANDABILITY, ACTIONABILITY = "Understandability", "Actionability"
VERY_SHORT = "the material is very short"
NO_VISUAL_AIDS = "the material has no visual aids"
PEMAT_ITEMS = (
    _pemat(1, UNDERSTANDABILITY, "Content", "The material makes its purpose completely evident.",
           "A reader new to the topic knows at once what the material is for."),
    _pemat(2, UNDERSTANDABILITY, "Content",
           "The material does not include information or content that distracts from its purpose.",
           "Nothing beside the point: no asides, history or detail the reader does not need."),
    _pemat(3, UNDERSTANDABILITY, "Word choice & style", "The material uses common, everyday language.",
           "Words the reader uses every day, with jargon kept out."),
    _pemat(4, UNDERSTANDABILITY, "Word choice & style",
           "Medical terms are used only to familiarize audience with the terms. When used, medical terms are defined.",
           "Each medical term is there to teach it, and is defined where it is used."),
    _pemat(5, UNDERSTANDABILITY, "Word choice & style", "The material uses the active voice.",
           "Sentences say who does what."),
    _pemat(6, UNDERSTANDABILITY, "Use of numbers",
           "Numbers appearing in the material are clear and easy to understand.",
           "Whole numbers rather than fractions or percentages where possible.",
           not_applicable="the material has no numbers"),
    _pemat(7, UNDERSTANDABILITY, "Use of numbers", "The material does not expect the user to perform calculations.",
           "The reader never has to work a number out."),
    _pemat(8, UNDERSTANDABILITY, "Organization", "The material breaks or \u201cchunks\u201d information into short "
           "sections.", "Short sections rather than long runs of text.", not_applicable=VERY_SHORT),
    _pemat(9, UNDERSTANDABILITY, "Organization", "The material\u2019s sections have informative headers.",
           "Each heading says what its section tells the reader.", not_applicable=VERY_SHORT),
    _pemat(10, UNDERSTANDABILITY, "Organization", "The material presents information in a logical sequence.",
           "One part leads to the next in an order the reader can follow."),
    _pemat(11, UNDERSTANDABILITY, "Organization", "The material provides a summary.",
           "The key points are gathered up, at the start or the end.", not_applicable=VERY_SHORT),
    _pemat(12, UNDERSTANDABILITY, "Layout & design",
           "The material uses visual cues (e.g., arrows, boxes, bullets, bold, larger font, highlighting) to draw "
           "attention to key points.",
           "Visual cues mark the key points, and only those: cues everywhere score Disagree."),
    _pemat(15, UNDERSTANDABILITY, "Use of visual aids",
           "The material uses visual aids whenever they could make content more easily understood (e.g., "
           "illustration of healthy portion size).",
           "Wherever a picture would explain better than words, there is one."),
    _pemat(16, UNDERSTANDABILITY, "Use of visual aids",
           "The material\u2019s visual aids reinforce rather than distract from the content.",
           "Each picture supports the words next to it.", not_applicable=NO_VISUAL_AIDS),
    _pemat(17, UNDERSTANDABILITY, "Use of visual aids",
           "The material\u2019s visual aids have clear titles or captions.",
           "Each picture has a title or caption.", not_applicable=NO_VISUAL_AIDS),
    _pemat(18, UNDERSTANDABILITY, "Use of visual aids",
           "The material uses illustrations and photographs that are clear and uncluttered.",
           "Pictures are simple and easy to make out.", not_applicable=NO_VISUAL_AIDS),
    _pemat(19, UNDERSTANDABILITY, "Use of visual aids",
           "The material uses simple tables with short and clear row and column headings.",
           "Tables are simple, their headings short and clear.", not_applicable="the material has no tables"),
    _pemat(20, ACTIONABILITY, "Actionability", "The material clearly identifies at least one action the user can take.",
           "At least one thing the reader can do."),
    _pemat(21, ACTIONABILITY, "Actionability", "The material addresses the user directly when describing actions.",
           "Actions are put to the reader as \u201cyou\u201d, or as instructions."),
    _pemat(22, ACTIONABILITY, "Actionability", "The material breaks down any action into manageable, explicit steps.",
           "Each action comes in steps the reader can follow."),
    _pemat(23, ACTIONABILITY, "Actionability",
           "The material provides a tangible tool (e.g., menu planners, checklists) whenever it could help the user "
           "take action.", "Where a checklist, planner or form would help the reader act, there is one."),
    _pemat(24, ACTIONABILITY, "Actionability",
           "The material provides simple instructions or examples of how to perform calculations.",
           "Any calculation comes with simple instructions or a worked example.",
           not_applicable="the material has no calculations"),
    _pemat(25, ACTIONABILITY, "Actionability",
           "The material explains how to use the charts, graphs, tables, or diagrams to take actions.",
           "Each chart, graph, table or diagram comes with how to act on it.",
           not_applicable="the material has no charts, graphs, tables or diagrams"),
    _pemat(26, ACTIONABILITY, "Actionability",
           "The material uses visual aids whenever they could make it easier to act on the instructions.",
           "Wherever a picture would make an action easier, there is one."),
)

# The pass marks: the Index's, and the threshold commonly used with the PEMAT (see SOURCES).
PASS_MARKS = {CDC: 90, PEMAT: 70}


@dataclass(frozen=True)
class Answer:
    """An item as far as software can answer it: decided, or left for a reviewer with what the checks found."""

    item: Item
    status: str  # MET, NOT_MET, NOT_APPLICABLE, or REVIEW
    why: str  # why software decided it; '' for an item left to a reviewer
    decided_by: tuple[str, ...]  # the checks that decided it
    evidence_from: tuple[str, ...]  # the checks that found something a reviewer can use


def answer(items: tuple[Item, ...], results: list[CheckResult]) -> list[Answer]:
    """Return each item answered from the checks' results. A check that finds an item not met outweighs one that
    finds it met; an item no check decides is left for a reviewer."""
    answers = []
    for item in items:
        verdicts = [(result.id, verdict) for result in results for verdict in result.decides
                    if (verdict.tool, verdict.item) == (item.tool, item.number)]
        informing = tuple(result.id for result in results if (item.tool, item.number) in result.items)
        for status in (NOT_MET, MET, NOT_APPLICABLE):
            deciding = [(check, verdict) for check, verdict in verdicts if verdict.status == status]
            if deciding:
                answers.append(Answer(item, status, "; ".join(dict.fromkeys(v.why for _, v in deciding)),
                                      tuple(check for check, _ in deciding), informing))
                break
        else:
            answers.append(Answer(item, REVIEW, "", (), informing))
    return answers


@dataclass(frozen=True)
class Score:
    """What the items decided so far add up to, and the range the final score can still take."""

    points: int  # items met (for the Index's item 17, answered No)
    decided: int  # items software decided that apply: met or not met
    not_applicable: int
    to_review: int
    pass_mark: int
    unit: str  # '' for the Index's score out of 100, '%' for the PEMAT's

    @property
    def lowest(self) -> float | None:
        """Return the final score if every item left for a reviewer applies and is not met (None: nothing applies)."""
        possible = self.decided + self.to_review
        return round(100 * self.points / possible, 1) if possible else None

    @property
    def highest(self) -> float | None:
        """Return the final score if every item left for a reviewer applies and is met (None: nothing applies)."""
        possible = self.decided + self.to_review
        return round(100 * (self.points + self.to_review) / possible, 1) if possible else None

    @property
    def final(self) -> float | None:
        """Return the score, once nothing is left for a reviewer."""
        return self.lowest if self.to_review == 0 else None

    def verdict(self) -> str:
        """Return, in a sentence or two, what the score is, or what it can still be, against the pass mark."""
        mark = f"{self.pass_mark}{self.unit}"
        decided = (f"Software decided {self.decided + self.not_applicable} "
                   f"{'item' if self.decided + self.not_applicable == 1 else 'items'}: {self.points} met, "
                   f"{self.decided - self.points} not met, {self.not_applicable} not applicable. ")
        if self.highest is None:
            return decided + "No item applies, so there is no score."
        if self.to_review == 0:
            result = "passes" if self.final >= self.pass_mark else "does not pass"
            return decided + f"The score is {number(self.final)}{self.unit}; {mark} or more passes, so it {result}."
        left = f"{self.to_review} {'item is' if self.to_review == 1 else 'items are'} left for a reviewer"
        if self.highest < self.pass_mark:
            return (decided + f"{left}; even if every one is met, the score is at most "
                    f"{number(self.highest)}{self.unit}, under the {mark} that passes: revise the items not met.")
        them = "it is" if self.to_review == 1 else "they are"
        verdict = (decided + f"{left}; the final score is known once {them} answered, and will be between "
                   f"{number(self.lowest)}{self.unit} and {number(self.highest)}{self.unit} ({mark} or more passes)")
        if self.lowest >= self.pass_mark:
            return verdict + ", so it passes whatever the answers."
        # Whether one item left not met, or one not applying (which leaves it out of the points possible), is enough
        # to keep the score under the pass mark.
        possible, best = self.decided + self.to_review, self.points + self.to_review
        one_not_met = 100 * (best - 1) / possible < self.pass_mark
        one_not_applying = possible > 1 and 100 * (best - 1) / (possible - 1) < self.pass_mark
        if one_not_met and one_not_applying:
            return verdict + f"; it reaches {mark} only if every item left applies and is met."
        if one_not_met:
            return verdict + f"; it reaches {mark} only if every item left is met or does not apply."
        return verdict + "."


def score(answers: list[Answer], pass_mark: int, unit: str = "") -> Score:
    """Return the score of `answers` so far."""
    count = {status: sum(1 for answer in answers if answer.status == status)
             for status in (MET, NOT_MET, NOT_APPLICABLE, REVIEW)}
    return Score(count[MET], count[MET] + count[NOT_MET], count[NOT_APPLICABLE], count[REVIEW], pass_mark, unit)


def number(value: float) -> str:
    """Return a score as it is shown: whole when it is, else to one decimal place."""
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"
