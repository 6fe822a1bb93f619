"""Words that blame a young person for what is done to them.

Young people affected by exploitation often blame themselves; the practice guide's first ask
of professionals is "Don't judge or blame me". Any text Partners writes about why a young
person is known to the service (a referral, the information before a meeting) is checked
here, so that one list decides it.
"""

import re

# Phrases that put the responsibility on the child. Matched as whole words, ignoring case.
BLAMING = (
    "your fault",
    "their fault",
    "her fault",
    "his fault",
    "risky behaviour",
    "risk-taking behaviour",
    "putting themselves at risk",
    "putting herself at risk",
    "putting himself at risk",
    "putting yourself at risk",
    "placing themselves at risk",
    "lifestyle choice",
    "chooses to",
    "chose to go",
    "consented",
    "promiscuous",
    "prostitute",
    "prostitution",
    "sexually active",
    "streetwise",
    "asking for it",
)
_PATTERN = re.compile(r"\b(" + "|".join(re.escape(p) for p in BLAMING) + r")\b", re.IGNORECASE)


def blaming_words(text: str) -> list[str]:
    """The blaming phrases in `text`, as written there, in order; empty if there are none."""
    return [match.group(0) for match in _PATTERN.finditer(text)]


def blaming_message(text: str) -> str | None:
    """A plain message naming the phrases to change, or None when the text is fair."""
    found = list(dict.fromkeys(phrase.lower() for phrase in blaming_words(text)))
    if not found:
        return None
    quoted = ", ".join(f"“{phrase}”" for phrase in found)
    return (
        f"Describe what is happening to them without blaming them: change {quoted}. "
        "For example, “adults are exploiting them” rather than “putting themselves at risk”."
    )
