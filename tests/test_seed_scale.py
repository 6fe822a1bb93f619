import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from demo.management.commands.seed_scale import build_scale
from meetings.models import AgendaItem
from participation.models import YoungPerson

pytestmark = pytest.mark.django_db


def test_scale_data_has_the_promised_shape_at_a_small_size():
    counts = build_scale(young_people=40, practitioners=12, leads=3)
    assert counts["young people"] == 40
    assert counts["meetings"] == 200
    assert counts["agenda items"] == 1000
    team_sizes = set(YoungPerson.objects.annotate(n=Count("case_team")).values_list("n", flat=True))
    assert team_sizes <= {3, 4, 5, 6}
    assert AgendaItem.objects.filter(visibility="professionals_only").count() == 200


def test_seed_scale_refuses_to_run_with_debug_off():
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_scale", young_people=5, practitioners=6)
    assert not YoungPerson.objects.exists()
