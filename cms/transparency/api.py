"""The transparency figures in the API: /api/v1/stats/ and /api/v1/stats/<slug>/.

The same data as /stats/figures.json and /stats/<slug>/figures.json (export.
stats_data); the serializers describe it for the schema and check its shape.
Public and read-only, like the pages.
"""

from django.http import Http404

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from townships.core.models import Township

from .export import stats_data
from .selectors import stats_for_township, stats_for_townships, township_get_public


def _decimal_text(**kwargs) -> serializers.CharField:
    return serializers.CharField(allow_null=True, **kwargs)


class ApplicationFiguresSerializer(serializers.Serializer):
    online = serializers.IntegerField(help_text="Filed by the applicants themselves.")
    counter = serializers.IntegerField(help_text="Filed by a service-centre agent.")
    decided = serializers.IntegerField()
    too_few_cases = serializers.BooleanField()
    rank = serializers.IntegerField(allow_null=True)
    on_time_percent = _decimal_text(help_text="Null when too few cases.")
    median_working_days = _decimal_text(help_text="Null when too few cases.")


class QuestionFiguresSerializer(serializers.Serializer):
    asked = serializers.IntegerField()
    answered = serializers.IntegerField()
    too_few_cases = serializers.BooleanField()
    rank = serializers.IntegerField(allow_null=True)
    on_time_percent = _decimal_text(help_text="Null when too few cases.")
    median_first_reply_hours = _decimal_text(help_text="Null when too few cases.")
    satisfaction = _decimal_text(help_text="Mean rating 1-5; null when too few.")
    rated = serializers.IntegerField()


class UnitSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    applications = ApplicationFiguresSerializer()
    questions = QuestionFiguresSerializer()


class MonthSerializer(serializers.Serializer):
    month = serializers.CharField(help_text="YYYY-MM")
    orders = serializers.IntegerField()
    sales = serializers.CharField()


class MarketSerializer(serializers.Serializer):
    township = serializers.CharField()
    currency = serializers.CharField()
    active_stalls = serializers.IntegerField()
    orders = serializers.IntegerField()
    sales = serializers.CharField()
    months = MonthSerializer(many=True)


class PeriodSerializer(serializers.Serializer):
    # "from" is a keyword: declared through the fields mapping below.
    to = serializers.DateField()

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = serializers.DateField()
        return fields


class StatsSerializer(serializers.Serializer):
    township = serializers.CharField(allow_null=True)
    unit = serializers.CharField(help_text='"township" or "department".')
    period = PeriodSerializer()
    min_sample = serializers.IntegerField()
    units = UnitSerializer(many=True)
    marketplace = MarketSerializer(many=True)


class StatsView(APIView):
    """Every active township's figures, side by side."""

    permission_classes = [AllowAny]

    @extend_schema(operation_id="stats_overview", responses=StatsSerializer)
    def get(self, request: Request) -> Response:
        return Response(StatsSerializer(stats_data(stats_for_townships())).data)


class TownshipStatsView(APIView):
    """One township's figures, department by department."""

    permission_classes = [AllowAny]

    @extend_schema(operation_id="stats_township", responses=StatsSerializer)
    def get(self, request: Request, slug: str) -> Response:
        try:
            township = township_get_public(slug=slug)
        except Township.DoesNotExist as missing:
            raise Http404 from missing
        return Response(
            StatsSerializer(stats_data(stats_for_township(township=township))).data
        )
