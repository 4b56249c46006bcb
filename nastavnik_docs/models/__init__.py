"""Typed models of the data that goes into documents (pydantic v2).

Every field has a description: they become the JSON Schema (``nastavnik-docs schema NAME``)
and the reference in ``docs/``.
"""

from .base import Choices, Date, FullName, Model, ShortText, Text
from .collection import FormIssue, MonitoringCollection, RejectedForm
from .correction import Correction, CorrectionProgress, RowProgress
from .declensions import Declension
from .dissemination import DisseminationEvent, Equipment, InformationResource, Premises, Resources
from .documents import ApprovalStamp, Clause, Order, OrderRef, Regulation, Section
from .final_monitoring import SchoolMonitoring
from .mentorship import MentorshipForm, ProgrammePeriod, forms_catalogue
from .monitoring import Headcount, MonitoringData
from .municipal import MunicipalData, MunicipalSchool, RoadmapYears, StaffMember
from .organisation import Organisation
from .participants import IndicatorPlan, Participant, ParticipantsList
from .people import Person, TeamMember
from .practices import PracticeStory
from .programme import Minutes, ProgrammeApproval
from .region import OrganisationOutcome, RegionSummary
from .register import (
    IdentityDocument,
    Mentee,
    Mentor,
    Pair,
    PairStatus,
    Partner,
    Register,
    Representative,
    SchoolRegister,
)
from .report import FormFigures, IndicatorFigures, MonitoringReport, OrganisationFigures
from .results import SchoolCorrection, SchoolResults
from .roadmap import Measure, MeasureSection, MeasureTable
from .schedule import Deadline, Schedule
from .school import NewsItem, SchoolData, SchoolOrders, Website
from .school_year import ScheduleDates, school_schedule
from .surveys import Response, Satisfaction, SurveyAnswers, SurveyRoster, satisfaction, survey_catalogue
from .teachers import TeacherOrders, TeacherPair, TeachersData
from .validation import describe_errors, validate

__all__ = [
    "ApprovalStamp",
    "Choices",
    "Clause",
    "Correction",
    "CorrectionProgress",
    "Date",
    "Deadline",
    "Declension",
    "DisseminationEvent",
    "Equipment",
    "FormFigures",
    "FormIssue",
    "FullName",
    "Headcount",
    "IdentityDocument",
    "IndicatorFigures",
    "IndicatorPlan",
    "InformationResource",
    "Measure",
    "MeasureSection",
    "MeasureTable",
    "Mentee",
    "Mentor",
    "MentorshipForm",
    "Minutes",
    "Model",
    "MonitoringCollection",
    "MonitoringData",
    "MonitoringReport",
    "MunicipalData",
    "MunicipalSchool",
    "NewsItem",
    "Order",
    "OrderRef",
    "Organisation",
    "OrganisationFigures",
    "OrganisationOutcome",
    "Pair",
    "PairStatus",
    "Participant",
    "ParticipantsList",
    "Partner",
    "Person",
    "PracticeStory",
    "Premises",
    "ProgrammeApproval",
    "ProgrammePeriod",
    "RegionSummary",
    "Register",
    "Regulation",
    "RejectedForm",
    "Representative",
    "Resources",
    "Response",
    "RoadmapYears",
    "RowProgress",
    "Satisfaction",
    "Schedule",
    "ScheduleDates",
    "SchoolCorrection",
    "SchoolData",
    "SchoolMonitoring",
    "SchoolOrders",
    "SchoolRegister",
    "SchoolResults",
    "Section",
    "ShortText",
    "StaffMember",
    "SurveyAnswers",
    "SurveyRoster",
    "TeacherOrders",
    "TeacherPair",
    "TeachersData",
    "TeamMember",
    "Text",
    "Website",
    "describe_errors",
    "forms_catalogue",
    "satisfaction",
    "school_schedule",
    "survey_catalogue",
    "validate",
]

SCHEMAS: dict[str, type[Model]] = {
    "school": SchoolData,
    "organisation": Organisation,
    "person": Person,
    "order": Order,
    "regulation": Regulation,
    "roadmap": MeasureTable,
    "municipality": MunicipalData,
    "teachers": TeachersData,
    "participants": ParticipantsList,
}
"""Models whose JSON Schema ``nastavnik-docs schema NAME`` prints, by name."""
