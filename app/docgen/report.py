"""What a template check finds: problems with a Danish location and message, in one report."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class LintProblem:
    """One finding: a code for programs, a Danish location and a Danish message."""

    code: str
    location: str
    message: str

    def __str__(self) -> str:
        """'location: message' (or just the message when the location is unknown)."""
        return f"{self.location}: {self.message}" if self.location else self.message


@dataclass
class LintReport:
    """Result of lint_template: accept the template only when `ok`."""

    errors: list[LintProblem] = field(default_factory=list)
    warnings: list[LintProblem] = field(default_factory=list)
    repairs: list[LintProblem] = field(default_factory=list)
    repaired_template: bytes | None = None

    @property
    def ok(self) -> bool:
        """True when there are no errors (warnings and repairs are fine)."""
        return not self.errors

    def __str__(self) -> str:
        """A readable Danish summary for the command line."""
        head = (
            "Skabelonen er godkendt."
            if self.ok
            else (f"Skabelonen er afvist: {len(self.errors)} fejl.")
        )
        lines = [head]
        for title, items in (
            ("Fejl", self.errors),
            ("Advarsler", self.warnings),
            ("Rettet automatisk", self.repairs),
        ):
            if items:
                lines.append(f"{title}:")
                lines.extend(f"  - {item}" for item in items)
        if self.repaired_template is not None:
            lines.append("Den rettede skabelon bruges i stedet for den indsendte.")
        return "\n".join(lines)
