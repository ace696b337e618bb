"""The questions of a service's form, by step, and the check of a draft's answers.

The web's review page and the API's submit both check every step here before
sending, so the two refuse the same answers with the same messages.
"""

from .forms import ApplicationStepForm
from .models import Application


def steps_of(application: Application) -> list[int]:
    """The step numbers of the application's form, in order."""
    return sorted({field.step for field in application.service.form_fields.all()})


def questions_of(application: Application, step: int) -> list:
    """The questions asked on one step."""
    return [f for f in application.service.form_fields.all() if f.step == step]


def country_of(application: Application) -> str:
    """The country whose phone and ID numbers the answers are checked against."""
    return application.township.country


def answers_check(application: Application) -> tuple[list[dict], dict[str, str]]:
    """Every step re-checked against the kept answers; the valid answers.

    Each checked step is ``{"step": number, "form": bound ApplicationStepForm}``.
    """
    checked, answers = [], {}
    for number in steps_of(application):
        form = ApplicationStepForm(
            {f"q-{k}": v for k, v in application.answers.items()},
            questions=questions_of(application, number),
            answers=application.answers,
            country=country_of(application),
        )
        if form.is_valid():
            answers.update(form.cleaned_answers())
        checked.append({"step": number, "form": form})
    return checked, answers
