"""Fill English translations into app/translations/en from a table (a one-off helper).

Usage: python scripts/i18n_fill_en.py  — only empty msgstr entries are filled; unknown ones
are listed so a person can add them to EN below.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

PO = Path(__file__).resolve().parents[1] / "app/translations/en/LC_MESSAGES/messages.po"

EN = {
    "Forespørgslen kunne ikke forstås. Gå tilbage og prøv igen.": "The request could not be understood. Go back and try again.",
    "Du skal være logget ind.": "You must be logged in.",
    "Du har ikke adgang til dette.": "You do not have access to this.",
    "Siden findes ikke, eller du har ikke adgang til den.": "The page does not exist, or you do not have access to it.",
    "Den handling er ikke tilladt her.": "That action is not allowed here.",
    "Nogen har gemt ændringer i mellemtiden.": "Someone saved changes in the meantime.",
    "Filen er for stor.": "The file is too large.",
    "Oplysningerne kunne ikke godkendes.": "The information could not be accepted.",
    "For mange forsøg. Vent et minut, og prøv igen.": "Too many attempts. Wait a minute and try again.",
    "Der skete en fejl hos os. Prøv igen om lidt.": "Something went wrong on our side. Please try again shortly.",
    "Formularen kunne ikke sendes, fordi sikkerhedsnøglen manglede eller var udløbet. Genindlæs siden, og prøv igen.": "The form could not be sent because its security token was missing or had expired. Reload the page and try again.",
    "Familiekoordinator / rådgiver": "Family coordinator / caseworker",
    "Leder": "Leader",
    "Controller": "Controller",
    "Administrator": "Administrator",
    "Angiv en adgangskode.": "Enter a password.",
    "Adgangskoden skal have mindst %(n)d tegn.": "The password must have at least %(n)d characters.",
    "E-mail": "E-mail",
    "Angiv en e-mailadresse.": "Enter an e-mail address.",
    "Angiv en gyldig e-mailadresse.": "Enter a valid e-mail address.",
    "Navn": "Name",
    "Angiv et navn.": "Enter a name.",
    "Rolle": "Role",
    "Adgangskode": "Password",
    "Mindst %(n)d tegn.": "At least %(n)d characters.",
    "Opret bruger": "Create user",
    "Skift rolle": "Change role",
    "Ny adgangskode": "New password",
    "Nulstil adgangskode": "Reset password",
    "Gem": "Save",
    "Kommunens navn": "Municipality name",
    "Angiv kommunens navn.": "Enter the municipality's name.",
    "Vises i sidehovedet og på Word-dokumenter.": "Shown in the page header and on Word documents.",
    "Logo": "Logo",
    "PNG eller JPEG, højst 1 MB. Bruges på Word-dokumenter.": "PNG or JPEG, at most 1 MB. Used on Word documents.",
    "Fjern logo": "Remove logo",
    "Gem indstillinger": "Save settings",
    "Brugeren %(email)s er oprettet.": "The user %(email)s has been created.",
    "Rollen for %(email)s er ændret.": "The role of %(email)s has been changed.",
    "Adgangskoden for %(email)s er nulstillet.": "The password of %(email)s has been reset.",
    "%(email)s er genaktiveret.": "%(email)s has been reactivated.",
    "%(email)s er deaktiveret.": "%(email)s has been deactivated.",
    "Indstillingerne er gemt.": "The settings have been saved.",
    "Skriv din e-mailadresse.": "Enter your e-mail address.",
    "Skriv din adgangskode.": "Enter your password.",
    "Log ind": "Log in",
    "E-mail eller adgangskode er forkert.": "Wrong e-mail or password.",
    "Du er logget ud.": "You are logged out.",
    "Log ind for at se siden.": "Log in to see the page.",
    "Sagsnummer": "Case number",
    "Angiv et sagsnummer.": "Enter a case number.",
    "Kommunens sagsnummer, fx 27.15.00-G01-123-26. Ikke CPR-nummer.": "The municipality's case number, e.g. 27.15.00-G01-123-26. Not a CPR number.",
    "Titel": "Title",
    "Angiv en titel.": "Enter a title.",
    "Et kort navn, som kerneteamet genkender sagen på.": "A short name the core team recognises the case by.",
    "Opret sag": "Create case",
    "Sagen %(reference)s er oprettet.": "Case %(reference)s has been created.",
    "Der er problemer, som skal rettes": "There are problems to correct",
    "Fejl": "Error",
    "Gå til sidens indhold": "Skip to content",
    "Log ud": "Log out",
    "Én familie, én indgang": "One family, one entry",
    "Hovedmenu": "Main menu",
    "Mine sager": "My cases",
    "Brugere": "Users",
    "Kommune": "Municipality",
    "Kommunens indstillinger": "Municipality settings",
    "Nuværende logo": "Current logo",
    "Status": "Status",
    "Seneste login": "Last login",
    "Handlinger": "Actions",
    "Aktiv": "Active",
    "Deaktiveret": "Deactivated",
    "Deaktivere %(email)s? Brugeren logges ud, og API-nøgler tilbagekaldes.": "Deactivate %(email)s? The user is logged out and API tokens are revoked.",
    "Deaktiver": "Deactivate",
    "Genaktiver": "Reactivate",
    "Nulstil": "Reset",
    "Sager, du har adgang til": "Cases you have access to",
    "Familiekoordinator": "Family coordinator",
    "Senest ændret": "Last changed",
    "Åben": "Open",
    "Lukket": "Closed",
    "Du har ingen sager endnu.": "You have no cases yet.",
    "Brødkrumme": "Breadcrumb",
    "Ingen": "None",
    "Oprettet": "Created",
    "Kerneteam": "Core team",
    "Rolle i teamet": "Role in the team",
    "Din rolle giver adgang til sagens økonomi, men ikke til familiens oplysninger.": "Your role gives access to the case's finances, but not to the family's information.",
    "Fejlkode": "Error code",
    "Gå til Mine sager": "Go to My cases",
    "Formularen er gemt som endelig.": "The form has been saved as final.",
    "Kladden er gemt.": "The draft has been saved.",
    "Nogen har gemt formularen i mellemtiden. Se historikken igen, før du gendanner.": "Someone saved the form in the meantime. Look at the history again before restoring.",
    "Version %(version)s er gendannet som kladde.": "Version %(version)s has been restored as a draft.",
    "Nogen har gemt formularen i mellemtiden. Prøv igen.": "Someone saved the form in the meantime. Try again.",
    "Formularen bruger nu den nyeste version.": "The form now uses the newest version.",
    "Kommunens dokumenter": "Municipal documents",
    "Skabeloner for sagsforløb, beslutningskompetenceplaner og andre dokumenter, der gælder for hele kommunen.": "Case-flow templates, decision-competence plans and other documents that apply to the whole municipality.",
    "Endelig": "Final",
    "Kladde": "Draft",
    "Ingen endnu.": "None yet.",
    "Nyt dokument": "New document",
    "version %(n)s": "version %(n)s",
    "gemt %(when)s af %(who)s": "saved %(when)s by %(who)s",
    "Historik": "History",
    "Ikke gemt endnu.": "Not saved yet.",
    "Formularens version %(n)s": "Form version %(n)s",
    "Der findes en nyere version af formularen (version %(n)s).": "There is a newer version of the form (version %(n)s).",
    "Se, hvad der ændres, og opdater": "See what changes, and update",
    "Nogen har gemt formularen, mens du arbejdede": "Someone saved the form while you were working",
    "Dine ændringer er ikke gemt. Nedenfor ser du, hvad der blev gemt, og din egen tekst. Ret formularen, og gem igen for at gemme din udgave oven på den anden.": "Your changes have not been saved. Below you see what was saved, and your own text. Correct the form and save again to save your version over the other.",
    "Det der blev gemt af %(who)s": "What %(who)s saved",
    "en anden": "someone else",
    "Din tekst (til at kopiere)": "Your text (to copy)",
    "Gem kladde": "Save draft",
    "Gem som endelig": "Save as final",
    "En kladde må være ufærdig. Når du gemmer som endelig, skal alle obligatoriske felter være udfyldt.": "A draft may be unfinished. When you save as final, all required fields must be filled in.",
    "Du kan læse, men ikke ændre denne formular.": "You can read, but not change, this form.",
    "Version": "Version",
    "Gemt": "Saved",
    "Af": "By",
    "Formularens version": "Form version",
    "Note": "Note",
    "nyeste": "newest",
    "Gendan version %(n)s som ny kladde?": "Restore version %(n)s as a new draft?",
    "Gendan": "Restore",
    "Version %(n)s": "Version %(n)s",
    "Gemt %(when)s af %(who)s": "Saved %(when)s by %(who)s",
    "Tilbage til historikken": "Back to the history",
    "Opdater til nyeste formular": "Update to the newest form",
    "Formularen er gemt med version %(old)s. Den nyeste version er %(new)s.": "The form was saved with version %(old)s. The newest version is %(new)s.",
    "Formularen bruger allerede den nyeste version.": "The form already uses the newest version.",
    "Disse oplysninger kommer ikke med": "This information will not be carried over",
    "De findes fortsat i historikken.": "It remains in the history.",
    "Alle udfyldte oplysninger kommer med.": "All filled-in information is carried over.",
    "Opdater formularen": "Update the form",
    "Fortryd": "Cancel",
    "Dokumenter": "Documents",
    "Formularer": "Forms",
    "Formular": "Form",
    "Senest gemt": "Last saved",
    "Ikke påbegyndt": "Not started",
    "skal udfyldes": "required",
    "Vælg": "Choose",
    "Fjern": "Remove",
    "række %(number)s": "row %(number)s",
    "Tilføj række": "Add row",
    "ikke længere en mulighed": "no longer an option",
}


def main() -> int:
    """Fill empty English translations; list msgids still missing one."""
    with PO.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    missing = []
    for message in catalog:
        if not message.id or message.string:
            continue
        if message.id in EN:
            message.string = EN[message.id]
        else:
            missing.append(message.id)
    with PO.open("wb") as handle:
        write_po(handle, catalog, width=100)
    for msgid in missing:
        print(f"missing: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
